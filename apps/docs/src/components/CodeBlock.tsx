import { type ComponentProps, type ReactNode, useRef, useState } from 'react';

/** A copy button for the text of a code block (or of any element given through `getText`). */
export function CopyButton({ getText, label = 'Copy' }: { getText: () => string; label?: string }) {
  const [copied, setCopied] = useState<'idle' | 'done' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(getText());
      setCopied('done');
    } catch {
      setCopied('failed');
    }
    setTimeout(() => setCopied('idle'), 1600);
  };
  return (
    <button type="button" className="copy-button" onClick={copy} data-copied={copied}>
      {copied === 'done' ? 'Copied' : copied === 'failed' ? 'Copy failed' : label}
      <span className="visually-hidden" aria-live="polite">
        {copied === 'done' ? 'Copied to the clipboard' : ''}
      </span>
    </button>
  );
}

/** Replaces MDX's `<pre>`: the highlighted block plus a copy button. */
export function CodeBlock(props: ComponentProps<'pre'> & { 'data-lang'?: string; caption?: ReactNode }) {
  const { caption, children, ...rest } = props;
  const pre = useRef<HTMLPreElement>(null);
  const lang = props['data-lang'];
  return (
    <div className="code-block">
      <div className="code-toolbar">
        {caption ?? <span className="code-lang">{lang && lang !== 'text' ? lang : ''}</span>}
        <CopyButton getText={() => pre.current?.textContent ?? ''} />
      </div>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling code block must be reachable by keyboard */}
      <pre ref={pre} tabIndex={0} {...rest}>
        {children}
      </pre>
    </div>
  );
}
