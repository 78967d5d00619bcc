import { useEffect, useId, useRef, useState } from 'react';
import type { PageHeading } from '../lib/slug.ts';
import { MIN_TOC_HEADINGS, nestHeadings, type TocNode } from '../lib/toc.ts';

export { MIN_TOC_HEADINGS };

/**
 * The section being read, from an IntersectionObserver (no scroll listener): the last heading above a
 * line 40 % down the viewport, or at the very bottom the last one in view. A clicked entry wins while
 * its heading stays near the top. Without IntersectionObserver nothing is highlighted.
 */
export function useCurrentSection(headings: PageHeading[]): {
  current: string | undefined;
  choose: (id: string) => void;
} {
  const [current, setCurrent] = useState<string | undefined>(undefined);
  const chosen = useRef<string | undefined>(undefined);
  const ids = headings.map((h) => h.id).join(' ');
  useEffect(() => {
    setCurrent(undefined);
    chosen.current = undefined;
    if (!ids || typeof IntersectionObserver === 'undefined') return;
    const elements = ids
      .split(' ')
      .map((id) => document.getElementById(id))
      .filter((el): el is HTMLElement => el !== null);
    if (elements.length < MIN_TOC_HEADINGS) return;
    const update = () => {
      const height = window.innerHeight;
      const line = height * 0.4;
      const tops = elements.map((el) => el.getBoundingClientRect().top);
      const root = document.documentElement;
      const atBottom = Math.ceil(window.scrollY + height) >= root.scrollHeight - 2;
      const limit = atBottom ? height : line;
      const picked = chosen.current ? elements.findIndex((el) => el.id === chosen.current) : -1;
      const pickedTop = tops[picked];
      if (pickedTop !== undefined && pickedTop >= 0 && pickedTop < limit) {
        setCurrent(chosen.current);
        return;
      }
      chosen.current = undefined;
      let index = -1;
      tops.forEach((top, i) => {
        if (top <= limit) index = i;
      });
      setCurrent(index >= 0 ? elements[index]?.id : undefined);
    };
    // Callbacks fire when a heading crosses the top or the 40 % line, and when the page end comes into view.
    const observer = new IntersectionObserver(update, { rootMargin: '0px 0px -60% 0px', threshold: [0, 1] });
    for (const el of elements) observer.observe(el);
    const end = new IntersectionObserver(update, { threshold: [0, 1] });
    const footer = document.querySelector('main .footer');
    if (footer) end.observe(footer);
    return () => {
      observer.disconnect();
      end.disconnect();
    };
  }, [ids]);
  return {
    current,
    choose: (id) => {
      chosen.current = id;
      setCurrent(id);
    },
  };
}

function TocList({
  nodes,
  current,
  choose,
}: {
  nodes: (TocNode | PageHeading)[];
  current: string | undefined;
  choose: (id: string) => void;
}) {
  return (
    <ul>
      {nodes.map((node) => (
        <li key={node.id}>
          <a
            href={`#${node.id}`}
            aria-current={node.id === current ? 'true' : undefined}
            onClick={() => choose(node.id)}
          >
            {node.text}
          </a>
          {'children' in node && node.children.length > 0 ? (
            <TocList nodes={node.children} current={current} choose={choose} />
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/**
 * "On this page": `column` is the sticky column beside the content on wide screens, `inline` a collapsed
 * `<details>` above the content on narrower ones (the stylesheet displays only one of the two). Plain
 * `#id` links: they work without JavaScript; highlighting the current section is an enhancement on top.
 */
export function OnThisPage({
  headings,
  variant,
  section,
}: {
  headings: PageHeading[];
  variant: 'column' | 'inline';
  section: ReturnType<typeof useCurrentSection>;
}) {
  const titleId = useId();
  if (headings.length < MIN_TOC_HEADINGS) return null;
  const list = <TocList nodes={nestHeadings(headings)} current={section.current} choose={section.choose} />;
  if (variant === 'inline')
    return (
      <nav className="toc toc-inline" aria-label="On this page">
        <details>
          <summary>On this page</summary>
          {list}
        </details>
      </nav>
    );
  return (
    <nav className="toc toc-column" aria-labelledby={titleId}>
      <h2 id={titleId} className="toc-title">
        On this page
      </h2>
      {list}
    </nav>
  );
}
