/**
 * Highlights fenced code blocks in MDX pages at compile time (Shiki, see highlight.ts): `pre > code.language-x`
 * gets token spans coloured for both themes, so no highlighter ships to the browser.
 */
import type { Element, ElementContent, Root } from 'hast';
import { tokenize } from './highlight.ts';

function visit(node: Root | Element, fn: (element: Element) => void): void {
  for (const child of node.children) {
    if (child.type === 'element') {
      fn(child);
      visit(child, fn);
    }
  }
}

function textOf(node: ElementContent): string {
  if (node.type === 'text') return node.value;
  if (node.type === 'element') return node.children.map(textOf).join('');
  return '';
}

/** The rehype plugin: `rehypePlugins: [rehypeHighlight]`. */
export function rehypeHighlight() {
  return (tree: Root) => {
    visit(tree, (pre) => {
      if (pre.tagName !== 'pre') return;
      const code = pre.children.find((c): c is Element => c.type === 'element' && c.tagName === 'code');
      if (!code) return;
      const classes = Array.isArray(code.properties.className) ? code.properties.className : [];
      const langClass = classes.find((c) => String(c).startsWith('language-'));
      const lang = langClass ? String(langClass).slice('language-'.length) : 'text';
      const text = code.children.map(textOf).join('').replace(/\n$/, '');
      pre.properties.dataLang = lang;
      code.children = tokenize(text, lang).map(
        (token): ElementContent =>
          token.style
            ? {
                type: 'element',
                tagName: 'span',
                properties: { style: token.style },
                children: [{ type: 'text', value: token.text }],
              }
            : { type: 'text', value: token.text },
      );
    });
  };
}
