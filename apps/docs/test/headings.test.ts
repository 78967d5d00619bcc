import type { Element, Root } from 'hast';
import { describe, expect, it } from 'vitest';
import { headingsExport, rehypeHeadings } from '../plugins/rehype-headings.ts';
import { createSlugger, slugify } from '../src/lib/slug.ts';
import { nestHeadings } from '../src/lib/toc.ts';

describe('slugify (GitHub style)', () => {
  it.each([
    ['Code exchange (step 3)', 'code-exchange-step-3'],
    ['1. Consent request', '1-consent-request'],
    ['401 code 2: authentication failed', '401-code-2-authentication-failed'],
    ['What @kit/auth-core stores', 'what-kitauth-core-stores'],
    ['Mock → sandbox → production', 'mock--sandbox--production'],
    ['PINTEREST_SCOPES', 'pinterest_scopes'],
    ['Ünïcode Überschrift', 'ünïcode-überschrift'],
    ['  padded  ', 'padded'],
  ])('%s → %s', (text, slug) => {
    expect(slugify(text)).toBe(slug);
  });
});

describe('createSlugger', () => {
  it('numbers repeats, never reusing a slug that a heading already has', () => {
    const slug = createSlugger();
    expect(['Setup', 'Setup', 'Setup 1', 'Setup', '???'].map(slug)).toEqual([
      'setup',
      'setup-1',
      'setup-1-1',
      'setup-2',
      'section',
    ]);
  });
});

function heading(tagName: string, text: string, id?: string): Element {
  return {
    type: 'element',
    tagName,
    properties: id ? { id } : {},
    children: [
      { type: 'text', value: text },
      { type: 'element', tagName: 'code', properties: {}, children: [{ type: 'text', value: 'x' }] },
    ],
  };
}

describe('rehypeHeadings', () => {
  it('gives h2/h3 unique ids, keeps given ones, and exports the list', () => {
    const tree: Root = {
      type: 'root',
      children: [
        heading('h1', 'Title'),
        heading('h2', 'Intro '),
        heading('h3', 'Intro '),
        heading('h4', 'Deep'),
        { type: 'element', tagName: 'div', properties: {}, children: [heading('h2', 'Custom', 'mine')] },
      ],
    };
    rehypeHeadings()(tree);
    const ids = tree.children.map((n) => (n.type === 'element' ? n.properties.id : undefined));
    expect(ids.slice(0, 4)).toEqual([undefined, 'intro-x', 'intro-x-1', undefined]);
    const esm = tree.children.at(-1) as unknown as { type: string; data: { estree: unknown } };
    expect(esm.type).toBe('mdxjsEsm');
    expect(esm.data.estree).toEqual(
      (
        headingsExport([
          { depth: 2, id: 'intro-x', text: 'Intro x' },
          { depth: 3, id: 'intro-x-1', text: 'Intro x' },
          { depth: 2, id: 'mine', text: 'Customx' },
        ]) as unknown as { data: { estree: unknown } }
      ).data.estree,
    );
    const program = esm.data.estree as { body: { declaration: { declarations: { init: unknown }[] } }[] };
    const init = program.body[0]?.declaration.declarations[0]?.init as { elements: unknown[] };
    expect(init.elements).toHaveLength(3);
  });

  it('leaves a page that exports its own headings alone', () => {
    const tree: Root = {
      type: 'root',
      children: [
        { type: 'mdxjsEsm', value: "export { apiHeadings as headings } from './x.tsx';" } as never,
        heading('h2', 'A'),
      ],
    };
    rehypeHeadings()(tree);
    expect(tree.children).toHaveLength(2);
    expect((tree.children[1] as Element).properties.id).toBe('ax');
  });
});

describe('nestHeadings', () => {
  it('puts each h3 under the h2 before it', () => {
    const nested = nestHeadings([
      { depth: 3, id: 'orphan', text: 'Orphan' },
      { depth: 2, id: 'a', text: 'A' },
      { depth: 3, id: 'a1', text: 'A1' },
      { depth: 3, id: 'a2', text: 'A2' },
      { depth: 2, id: 'b', text: 'B' },
    ]);
    expect(nested.map((n) => [n.id, n.children.map((c) => c.id)])).toEqual([
      ['orphan', []],
      ['a', ['a1', 'a2']],
      ['b', []],
    ]);
  });
});
