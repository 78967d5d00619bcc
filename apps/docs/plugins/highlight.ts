/**
 * A tiny build-time syntax highlighter: one regular-expression tokenizer per language family, producing
 * `<span class="tok-…">` HTML. It runs only in Node (Vite plugins, MDX compilation), so the browser ships
 * no highlighter at all. The text content of the HTML is always exactly the input (only wrapped and escaped).
 */

/** Languages the tokenizer knows; anything else is escaped and shown plain. */
export type HighlightLanguage = 'ts' | 'json' | 'sh' | 'env' | 'http' | 'text';

const ALIASES: Record<string, HighlightLanguage> = {
  ts: 'ts',
  tsx: 'ts',
  typescript: 'ts',
  js: 'ts',
  jsx: 'ts',
  mjs: 'ts',
  cjs: 'ts',
  javascript: 'ts',
  json: 'json',
  sh: 'sh',
  bash: 'sh',
  shell: 'sh',
  console: 'sh',
  env: 'env',
  dotenv: 'env',
  http: 'http',
  text: 'text',
  txt: 'text',
};

/** Maps a fence info string or file extension (`tsx`, `bash`, `.env.example`) to a tokenizer. */
export function languageOf(nameOrExtension: string | undefined): HighlightLanguage {
  if (!nameOrExtension) return 'text';
  const key = nameOrExtension.toLowerCase().replace(/^\./, '');
  return ALIASES[key] ?? 'text';
}

/** Picks the language of a file from its path (`.env.example` and `.env` count as env files). */
export function languageOfPath(path: string): HighlightLanguage {
  const base = path.split('/').pop() ?? path;
  if (base.startsWith('.env') || base.endsWith('.env')) return 'env';
  const ext = base.includes('.') ? base.slice(base.lastIndexOf('.') + 1) : '';
  return languageOf(ext);
}

type Rule = [kind: string, pattern: RegExp];

const TS_KEYWORDS =
  'as|async|await|break|case|catch|class|const|continue|default|delete|do|else|export|extends|finally|for|from|function|if|implements|import|in|instanceof|interface|let|new|of|return|satisfies|static|switch|throw|try|type|typeof|var|void|while|yield';

const RULES: Record<Exclude<HighlightLanguage, 'text'>, Rule[]> = {
  ts: [
    ['comment', /\/\/[^\n]*|\/\*[\s\S]*?\*\//y],
    ['string', /`(?:\\[\s\S]|[^\\`])*`|'(?:\\.|[^\\'\n])*'|"(?:\\.|[^\\"\n])*"/y],
    ['keyword', new RegExp(`\\b(?:${TS_KEYWORDS})\\b`, 'y')],
    ['literal', /\b(?:true|false|null|undefined|this)\b/y],
    ['number', /\b\d[\d_]*(?:\.\d+)?(?:e[+-]?\d+)?n?\b/y],
    ['type', /\b[A-Z][A-Za-z0-9_]*\b/y],
    ['function', /\b[a-z_$][\w$]*(?=\s*\()/y],
    ['tag', /<\/?[a-z][\w.-]*/y],
  ],
  json: [
    ['property', /"(?:\\.|[^\\"\n])*"(?=\s*:)/y],
    ['string', /"(?:\\.|[^\\"\n])*"/y],
    ['literal', /\b(?:true|false|null)\b/y],
    ['number', /-?\b\d+(?:\.\d+)?(?:e[+-]?\d+)?\b/y],
  ],
  sh: [
    ['comment', /(?<![^\s])#[^\n]*/y],
    ['string', /'[^'\n]*'|"(?:\\.|[^\\"\n])*"/y],
    ['prompt', /^\$(?= )/my],
    ['variable', /\$\{?[A-Za-z_][A-Za-z0-9_]*\}?/y],
    ['keyword', /\b(?:npm|npx|pnpm|yarn|bun|node|cd|export|curl)\b/y],
    ['flag', /(?<=\s)--?[A-Za-z][\w-]*/y],
  ],
  env: [
    ['comment', /^[ \t]*#[^\n]*/my],
    ['property', /^[ \t]*[A-Za-z_][A-Za-z0-9_]*(?==)/my],
    ['string', /(?<==)[^\n]*/y],
  ],
  http: [
    ['keyword', /^(?:GET|POST|PUT|PATCH|DELETE|HTTP\/[\d.]+)\b/my],
    ['property', /^[A-Za-z-]+(?=:)/my],
    ['number', /\b\d{3}\b/y],
  ],
};

/** Escapes the five characters that matter in HTML text and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** One run of text and the token kind it belongs to (`''` for plain text). */
export interface Token {
  kind: string;
  text: string;
}

/** Splits `code` into tokens; joining every token's text gives back `code` exactly. */
export function tokenize(code: string, language: string | undefined): Token[] {
  const lang = languageOf(language);
  if (lang === 'text') return code ? [{ kind: '', text: code }] : [];
  const rules = RULES[lang];
  const tokens: Token[] = [];
  let plain = '';
  let index = 0;
  const flush = () => {
    if (plain) tokens.push({ kind: '', text: plain });
    plain = '';
  };
  outer: while (index < code.length) {
    for (const [kind, pattern] of rules) {
      pattern.lastIndex = index;
      const match = pattern.exec(code);
      if (match && match.index === index && match[0].length > 0) {
        flush();
        tokens.push({ kind, text: match[0] });
        index += match[0].length;
        continue outer;
      }
    }
    // Consume identifiers whole so that a keyword rule cannot match inside a longer word.
    const word = /[\w$]+|[^\w$]/y;
    word.lastIndex = index;
    const chunk = word.exec(code)?.[0] ?? code.charAt(index);
    plain += chunk;
    index += chunk.length;
  }
  flush();
  return tokens;
}

/**
 * Highlights `code` and returns HTML whose text content equals `code` exactly.
 * @param code - the source text
 * @param language - a language name or alias (`ts`, `bash`, `json`, `env`, …); unknown names give plain text
 */
export function highlight(code: string, language: string | undefined): string {
  return tokenize(code, language)
    .map((t) => (t.kind ? `<span class="tok-${t.kind}">${escapeHtml(t.text)}</span>` : escapeHtml(t.text)))
    .join('');
}
