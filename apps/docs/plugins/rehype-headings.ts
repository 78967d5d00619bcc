/**
 * Gives every `h2`/`h3` of an MDX page a GitHub-style id, unique on the page, and adds
 * `export const headings = [{ depth, id, text }, …]` to the compiled module: the page's table of contents,
 * known at build time, so it is prerendered and the browser never has to scan the DOM for it.
 * A page that exports its own `headings` (the API reference) keeps them.
 */
import type { Element, ElementContent, Root, RootContent } from 'hast';
import { createSlugger, type PageHeading } from '../src/lib/slug.ts';

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

// Just enough ESTree to write a literal value; MDX turns it into JavaScript.
type Estree =
  | { type: 'Literal'; value: string | number }
  | { type: 'ArrayExpression'; elements: Estree[] }
  | { type: 'ObjectExpression'; properties: EstreeProperty[] };
interface EstreeProperty {
  type: 'Property';
  kind: 'init';
  key: { type: 'Identifier'; name: string };
  value: Estree;
  computed: false;
  method: false;
  shorthand: false;
}

function headingsEstree(headings: PageHeading[]): Estree {
  return {
    type: 'ArrayExpression',
    elements: headings.map((heading) => ({
      type: 'ObjectExpression',
      properties: Object.entries(heading).map(([name, value]) => ({
        type: 'Property',
        kind: 'init',
        key: { type: 'Identifier', name },
        value: { type: 'Literal', value: value as string | number },
        computed: false,
        method: false,
        shorthand: false,
      })),
    })),
  };
}

/** An `mdxjsEsm` node holding `export const headings = […]`. */
export function headingsExport(headings: PageHeading[]): RootContent {
  const declaration = {
    type: 'VariableDeclaration',
    kind: 'const',
    declarations: [
      {
        type: 'VariableDeclarator',
        id: { type: 'Identifier', name: 'headings' },
        init: headingsEstree(headings),
      },
    ],
  };
  const program = {
    type: 'Program',
    sourceType: 'module',
    body: [{ type: 'ExportNamedDeclaration', declaration, specifiers: [], source: null, attributes: [] }],
  };
  return { type: 'mdxjsEsm', value: '', data: { estree: program } } as unknown as RootContent;
}

function exportsHeadings(tree: Root): boolean {
  return tree.children.some(
    (node) =>
      (node as { type: string }).type === 'mdxjsEsm' &&
      /export\s+(?:const|let|var|function)\s+headings\b|export\s*\{[^}]*\bheadings\b/.test(
        (node as unknown as { value: string }).value,
      ),
  );
}

/** The rehype plugin: `rehypePlugins: [rehypeHeadings]`. */
export function rehypeHeadings() {
  return (tree: Root) => {
    const slug = createSlugger();
    const headings: PageHeading[] = [];
    visit(tree, (heading) => {
      if (heading.tagName !== 'h2' && heading.tagName !== 'h3') return;
      const text = heading.children.map(textOf).join('').replace(/\s+/g, ' ').trim();
      const given = heading.properties.id;
      const id = typeof given === 'string' && given ? given : slug(text);
      heading.properties.id = id;
      headings.push({ depth: heading.tagName === 'h2' ? 2 : 3, id, text });
    });
    if (!exportsHeadings(tree)) tree.children.push(headingsExport(headings));
  };
}
