import type { ComponentProps, ReactNode } from 'react';

/** The visible text of rendered children, for the anchor's accessible name. */
function textOf(node: ReactNode): string {
  if (typeof node === 'string' || typeof node === 'number') return String(node);
  if (Array.isArray(node)) return node.map(textOf).join('');
  if (node && typeof node === 'object' && 'props' in node)
    return textOf((node.props as { children?: ReactNode }).children);
  return '';
}

type HeadingProps = ComponentProps<'h2'> & {
  level: 2 | 3;
  /** Names the section in the anchor's label when the children are more than its title. */
  label?: string;
};

/**
 * A section heading with a "#" link to itself (shown on hover and focus). The link sits after the heading,
 * not inside it, so the heading's own accessible name stays just its text.
 */
export function Heading({ level, label, id, children, ...rest }: HeadingProps) {
  const Tag = level === 2 ? 'h2' : 'h3';
  if (!id) return <Tag {...rest}>{children}</Tag>;
  return (
    <div className={`heading-anchored heading-anchored-h${level}`}>
      <Tag id={id} {...rest}>
        {children}
      </Tag>
      {/* biome-ignore lint/a11y/useAnchorContent: the aria-label names the link; the visible "#" is decoration */}
      <a className="anchor-link" href={`#${id}`} aria-label={`Link to section: ${label ?? textOf(children)}`}>
        <span aria-hidden="true">#</span>
      </a>
    </div>
  );
}

/** `h2` and `h3` of MDX pages (their ids come from plugins/rehype-headings.ts). */
export const mdxHeadings = {
  h2: (props: ComponentProps<'h2'>) => <Heading level={2} {...props} />,
  h3: (props: ComponentProps<'h3'>) => <Heading level={3} {...props} />,
};
