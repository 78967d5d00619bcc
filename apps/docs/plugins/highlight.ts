/**
 * Build-time syntax highlighting with Shiki: the TextMate grammars and themes editors use, run in Node
 * (Vite plugins, MDX compilation) through Shiki's synchronous JavaScript regex engine. Each token becomes a
 * `<span>` carrying both themes' colours as custom properties (`--shiki-light`, `--shiki-dark`), and
 * styles.css picks one per theme, so the browser ships no highlighter at all. The text content of the
 * HTML is always exactly the input (only wrapped and escaped).
 */
import { createHighlighterCoreSync, type HighlighterCore } from 'shiki/core';
import { createJavaScriptRegexEngine } from 'shiki/engine/javascript';
import dotenv from 'shiki/langs/dotenv.mjs';
import http from 'shiki/langs/http.mjs';
import json from 'shiki/langs/json.mjs';
import shellscript from 'shiki/langs/shellscript.mjs';
import tsx from 'shiki/langs/tsx.mjs';
import typescript from 'shiki/langs/typescript.mjs';
import githubDark from 'shiki/themes/github-dark.mjs';
import githubLight from 'shiki/themes/github-light.mjs';

/** Grammars the site loads; anything else is escaped and shown plain. */
export type HighlightLanguage = 'typescript' | 'tsx' | 'json' | 'shellscript' | 'dotenv' | 'http' | 'text';

const ALIASES: Record<string, HighlightLanguage> = {
  ts: 'typescript',
  mts: 'typescript',
  cts: 'typescript',
  typescript: 'typescript',
  js: 'typescript',
  mjs: 'typescript',
  cjs: 'typescript',
  javascript: 'typescript',
  tsx: 'tsx',
  jsx: 'tsx',
  json: 'json',
  sh: 'shellscript',
  bash: 'shellscript',
  shell: 'shellscript',
  console: 'shellscript',
  env: 'dotenv',
  dotenv: 'dotenv',
  http: 'http',
  text: 'text',
  txt: 'text',
};

/** The two themes: light is the default colour, dark applies under `:root[data-theme="dark"]`. */
export const THEMES = { light: 'github-light', dark: 'github-dark' } as const;

/** Maps a fence info string or file extension (`tsx`, `bash`, `.env.example`) to a grammar. */
export function languageOf(nameOrExtension: string | undefined): HighlightLanguage {
  if (!nameOrExtension) return 'text';
  const key = nameOrExtension.toLowerCase().replace(/^\./, '');
  return ALIASES[key] ?? 'text';
}

/** Picks the language of a file from its path (`.env.example` and `.env` count as env files). */
export function languageOfPath(path: string): HighlightLanguage {
  const base = path.split('/').pop() ?? path;
  if (base.startsWith('.env') || base.endsWith('.env')) return 'dotenv';
  const ext = base.includes('.') ? base.slice(base.lastIndexOf('.') + 1) : '';
  return languageOf(ext);
}

const highlighters = new Map<'light' | 'dark', HighlighterCore>();
/**
 * One highlighter per theme, created on first use (loading the grammars costs a few hundred milliseconds,
 * once per build); `tokenize` merges the two themes' colour runs itself.
 */
function shiki(theme: 'light' | 'dark'): HighlighterCore {
  let highlighter = highlighters.get(theme);
  if (!highlighter) {
    highlighter = createHighlighterCoreSync({
      themes: [theme === 'light' ? githubLight : githubDark],
      langs: [typescript, tsx, json, shellscript, dotenv, http],
      engine: createJavaScriptRegexEngine(),
    });
    highlighters.set(theme, highlighter);
  }
  return highlighter;
}

/** The code-block backgrounds of styles.css (`--bg-code`), which token colours are checked against. */
export const CODE_BACKGROUNDS = { light: '#f7f7f5', dark: '#1a1a1e' } as const;
/** WCAG AA for normal text: the themes' greys (comments) fall just short of it on our backgrounds. */
const MIN_CONTRAST = 4.5;

function channels(hex: string): [number, number, number] {
  const h = hex.replace('#', '');
  const full = h.length === 3 ? [...h].map((c) => c + c).join('') : h.slice(0, 6);
  return [0, 2, 4].map((i) => Number.parseInt(full.slice(i, i + 2), 16)) as [number, number, number];
}

function luminance(rgb: readonly number[]): number {
  const [r = 0, g = 0, b = 0] = rgb.map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two `#rrggbb` colours. */
export function contrastRatio(a: string, b: string): number {
  const [x, y] = [luminance(channels(a)), luminance(channels(b))];
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}

/**
 * Moves `color` towards black (light background) or white (dark background) in small steps until it reads
 * at `min`:1 against `background`, so every theme colour passes WCAG AA on the site's code blocks.
 */
export function withContrast(color: string, background: string, min = MIN_CONTRAST): string {
  if (!/^#[0-9a-f]{3,8}$/i.test(color) || contrastRatio(color, background) >= min) return color;
  const towards = luminance(channels(background)) > 0.5 ? 0 : 255;
  let rgb = channels(color);
  for (let step = 0; step < 40 && contrastRatio(hex(rgb), background) < min; step++) {
    rgb = rgb.map((v) => Math.round(v + (towards - v) * 0.08)) as [number, number, number];
  }
  return hex(rgb);
}

function hex(rgb: readonly number[]): string {
  return `#${rgb.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

/** Escapes the five characters that matter in HTML text and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** One run of text and its colours in both themes (`style` is empty for plain text). */
export interface Token {
  text: string;
  /** `--shiki-light:#…;--shiki-dark:#…` (plus font-style when a theme sets one), or `''`. */
  style: string;
}

/** One theme's colour runs of a line: where each starts (offset in the code) and its colour. */
interface Run {
  offset: number;
  color: string;
}

function runs(code: string, lang: HighlightLanguage, theme: 'light' | 'dark'): Run[][] {
  // No time limit: a first line cut short while the grammar warms up on a busy machine would lose its
  // colours in one build and not the other. A build can wait; a wrong colour cannot.
  const { tokens } = shiki(theme).codeToTokens(code, { lang, theme: THEMES[theme], tokenizeTimeLimit: 0 });
  return tokens.map((line) => line.map((t) => ({ offset: t.offset, color: t.color ?? '' })));
}

/** The colour of the run covering `offset` (runs sorted by offset). */
function colourAt(line: Run[], offset: number): string {
  let colour = '';
  for (const run of line) {
    if (run.offset > offset) break;
    colour = run.color;
  }
  return colour;
}

/** Splits `code` into coloured tokens; joining every token's text gives back `code` exactly. */
export function tokenize(code: string, language: string | undefined): Token[] {
  const lang = languageOf(language);
  if (lang === 'text' || code === '') return code ? [{ text: code, style: '' }] : [];
  const light = runs(code, lang, 'light');
  const dark = runs(code, lang, 'dark');
  const out: Token[] = [];
  let lineStart = 0;
  code.split('\n').forEach((lineText, i) => {
    if (i > 0) out.push({ text: '\n', style: '' });
    const lineEnd = lineStart + lineText.length;
    const l = light[i] ?? [];
    const d = dark[i] ?? [];
    // Cut the line wherever either theme changes colour.
    const cuts = [...new Set([lineStart, ...l.map((r) => r.offset), ...d.map((r) => r.offset), lineEnd])]
      .filter((o) => o >= lineStart && o <= lineEnd)
      .sort((a, b) => a - b);
    for (let k = 0; k + 1 < cuts.length; k++) {
      const start = cuts[k] ?? 0;
      const text = code.slice(start, cuts[k + 1]);
      if (!text) continue;
      const lc = colourAt(l, start);
      const dc = colourAt(d, start);
      const style =
        lc || dc
          ? `--shiki-light:${withContrast(lc || '#24292e', CODE_BACKGROUNDS.light)};--shiki-dark:${withContrast(dc || '#e1e4e8', CODE_BACKGROUNDS.dark)}`
          : '';
      const previous = out[out.length - 1];
      // Adjacent runs of the same colours become one span: smaller HTML, same rendering.
      if (previous && previous.style === style && previous.text !== '\n') previous.text += text;
      else out.push({ text, style });
    }
    lineStart = lineEnd + 1;
  });
  return out;
}

/**
 * Highlights `code` and returns HTML whose text content equals `code` exactly.
 * @param code - the source text
 * @param language - a language name or alias (`ts`, `bash`, `json`, `env`, …); unknown names give plain text
 */
export function highlight(code: string, language: string | undefined): string {
  return tokenize(code, language)
    .map((t) =>
      t.style ? `<span style="${escapeHtml(t.style)}">${escapeHtml(t.text)}</span>` : escapeHtml(t.text),
    )
    .join('');
}
