import { API } from 'virtual:auth-core-api';
import type { ReactNode } from 'react';
import type { DocBlock } from '../../plugins/api-reference.ts';
import { createSlugger, type PageHeading } from '../lib/slug.ts';
import { Heading } from './Heading.tsx';

const NAMES = new Set(API.entries.map((e) => e.name));

// One slugger for the whole reference, so two names that slug alike still get distinct ids.
const slug = createSlugger();
const IDS = new Map(API.entries.map((e) => [e.name, slug(e.name)]));
function idOf(name: string): string {
  return IDS.get(name) ?? '';
}

/** The reference's table of contents (exported as the page's `headings` by reference/auth-core.mdx). */
export const apiHeadings: PageHeading[] = API.entries.map((e) => ({
  depth: 2,
  id: idOf(e.name),
  text: e.name,
}));

/** Renders TSDoc: prose paragraphs (`{@link Name}` and URLs become links) and highlighted code blocks. */
function DocText({ blocks, inline = false }: { blocks: DocBlock[]; inline?: boolean }) {
  return (
    <>
      {blocks.map((block, i) =>
        block.type === 'code' ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: blocks keep their source order
          <div className="code-block" key={i}>
            {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling code block must be reachable by keyboard */}
            <pre tabIndex={0} data-lang={block.lang}>
              {/* biome-ignore lint/security/noDangerouslySetInnerHtml: escaped by the build-time highlighter */}
              <code dangerouslySetInnerHTML={{ __html: block.html }} />
            </pre>
          </div>
        ) : inline ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: blocks keep their source order
          <span key={i}>{linkify(block.text, NAMES)} </span>
        ) : (
          block.text.split(/\n\s*\n/).map((paragraph) => <p key={paragraph}>{linkify(paragraph, NAMES)}</p>)
        ),
      )}
    </>
  );
}

function linkify(text: string, names: Set<string>): ReactNode[] {
  const parts: ReactNode[] = [];
  const pattern = /\{@link\s+([^}|\s]+)(?:\s*\|\s*([^}]+))?\}|(https?:\/\/[^\s)>\]]+)|`([^`]+)`/g;
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    const index = match.index ?? 0;
    if (index > last) parts.push(text.slice(last, index));
    const [whole, linkTarget, linkLabel, url, code] = match;
    if (linkTarget) {
      const label = linkLabel?.trim() || linkTarget;
      if (/^https?:/.test(linkTarget))
        parts.push(
          <a key={index} href={linkTarget} rel="noopener noreferrer">
            {label}
          </a>,
        );
      else if (names.has(linkTarget))
        parts.push(
          <a key={index} href={`#${idOf(linkTarget)}`}>
            <code>{label}</code>
          </a>,
        );
      else parts.push(<code key={index}>{label}</code>);
    } else if (url) {
      parts.push(
        <a key={index} href={url} rel="noopener noreferrer">
          {url}
        </a>,
      );
    } else if (code) {
      parts.push(<code key={index}>{code}</code>);
    } else {
      parts.push(whole);
    }
    last = index + whole.length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

/** The generated `@kit/auth-core` reference (see plugins/api-reference.ts). */
export function ApiReference() {
  if (API.missing || API.entries.length === 0) {
    return (
      <p data-testid="api-missing">
        <code>{API.entry}</code> was not found when this site was built, so the reference is empty. Build the
        docs again once the package exists.
      </p>
    );
  }
  return (
    <div data-testid="api-reference" data-count={API.entries.length}>
      <p>
        {API.entries.length} exports of <code>{API.entry}</code>, read with the TypeScript compiler when the
        site was built.
      </p>
      <ul className="api-index">
        {API.entries.map((e) => (
          <li key={e.name}>
            <a href={`#${idOf(e.name)}`}>
              <code>{e.name}</code>
            </a>{' '}
            <span className="api-source">{e.kind}</span>
          </li>
        ))}
      </ul>
      {API.entries.map((entry) => (
        <section key={entry.name} className="api-entry" data-export={entry.name}>
          <Heading level={2} id={idOf(entry.name)} label={entry.name}>
            <code>{entry.name}</code>
            <span className="api-kind">{entry.kind}</span>
          </Heading>
          <div className="code-block">
            {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling code block must be reachable by keyboard */}
            <pre tabIndex={0}>
              {/* biome-ignore lint/security/noDangerouslySetInnerHtml: escaped by the build-time highlighter */}
              <code dangerouslySetInnerHTML={{ __html: entry.signatureHtml }} />
            </pre>
          </div>
          {entry.doc ? <DocText blocks={entry.docBlocks} /> : <p className="api-source">No TSDoc.</p>}
          {entry.tags.length > 0 ? (
            <dl className="facts">
              {entry.tags.map((tag, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: tags repeat (@param) and keep source order
                <div key={i} style={{ display: 'contents' }}>
                  <dt>@{tag.name}</dt>
                  <dd>
                    <DocText blocks={tag.blocks} inline />
                  </dd>
                </div>
              ))}
            </dl>
          ) : null}
          {entry.members.length > 0 ? (
            <ul>
              {entry.members.map((m) => (
                <li key={m.name}>
                  <code>{m.signature}</code> — {linkify(m.doc, NAMES)}
                </li>
              ))}
            </ul>
          ) : null}
          <p className="api-source">Declared in {entry.source}</p>
        </section>
      ))}
    </div>
  );
}
