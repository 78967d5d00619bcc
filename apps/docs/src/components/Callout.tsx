import type { ReactNode } from 'react';

/** A highlighted note. `kind` sets the colour and the label read out before it. */
export function Callout({
  kind = 'note',
  children,
}: {
  kind?: 'note' | 'warning' | 'tip';
  children: ReactNode;
}) {
  const label = kind === 'warning' ? 'Warning' : kind === 'tip' ? 'Tip' : 'Note';
  return (
    <aside className={`callout callout-${kind}`} aria-label={label}>
      <strong className="callout-label">{label}</strong>
      <div>{children}</div>
    </aside>
  );
}
