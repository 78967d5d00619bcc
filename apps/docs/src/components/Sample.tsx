import { useRef } from 'react';
import type { SampleModule } from '../../plugins/samples.ts';
import { CopyButton } from './CodeBlock.tsx';

/**
 * Shows a file (or part of one) from the repository, read and highlighted at build time. The figure
 * carries `data-source` and `data-selector`, which the sample test uses to compare it with the file.
 */
export function Sample({ src, title }: { src: SampleModule; title?: string }) {
  const pre = useRef<HTMLPreElement>(null);
  return (
    <figure
      className="code-block sample"
      data-source={src.path}
      data-selector={src.selector}
      data-missing={src.missing ? '' : undefined}
    >
      <figcaption className="code-toolbar">
        <span className="code-file">
          {title ? <span className="code-title">{title} · </span> : null}
          <code>{src.path}</code>
          {src.selector ? <span className="code-selector"> ({src.selector})</span> : null}
        </span>
        <CopyButton getText={() => pre.current?.textContent ?? ''} />
      </figcaption>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling code block must be reachable by keyboard */}
      <pre ref={pre} tabIndex={0} data-lang={src.lang}>
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: escaped and highlighted at build time */}
        <code dangerouslySetInnerHTML={{ __html: src.html }} />
      </pre>
    </figure>
  );
}
