/** Small pure helpers of the prerenderer (kept apart so they can be unit tested). */
import { escapeHtml } from '../plugins/highlight.ts';

/** The MDX file behind a route: `/` → src/content/index.mdx, `/tools/x/` → src/content/tools/x.mdx. */
export function pageSourceFile(path: string): string {
  const trimmed = path.replace(/^\/|\/$/g, '');
  return `src/content/${trimmed || 'index'}.mdx`;
}

/** Fills index.html's placeholders for one page. */
export function renderDocument(
  template: string,
  page: { title: string; description: string; body: string; preloads: string[] },
): string {
  const head = [
    `<meta name="description" content="${escapeHtml(page.description)}" />`,
    ...page.preloads.map((href) => `<link rel="modulepreload" crossorigin href="${escapeHtml(href)}" />`),
  ].join('\n    ');
  for (const marker of ['<!--app-title-->', '<!--app-head-->', '<!--app-html-->']) {
    if (!template.includes(marker)) throw new Error(`index.html lacks the ${marker} placeholder.`);
  }
  // Functions as replacements, so `$&` or `$1` in page text is not interpreted.
  return template
    .replace('<!--app-title-->', () => escapeHtml(page.title))
    .replace('<!--app-head-->', () => head)
    .replace('<!--app-html-->', () => page.body);
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Visible text of an HTML fragment, for the search index. */
export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name.startsWith('#x') || name.startsWith('#X'))
        return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
      if (name.startsWith('#')) return String.fromCodePoint(Number.parseInt(name.slice(1), 10));
      return ENTITIES[name.toLowerCase()] ?? whole;
    })
    .replace(/\s+/g, ' ')
    .trim();
}
