import type { ComponentProps } from 'react';
import { isInternalHref, Link } from '../router.tsx';
import { CodeBlock } from './CodeBlock.tsx';
import { mdxHeadings } from './Heading.tsx';

function MdxLink(props: ComponentProps<'a'>) {
  const { href, children, ...rest } = props;
  if (isInternalHref(href)) {
    return (
      <Link href={href} {...rest}>
        {children}
      </Link>
    );
  }
  const external = typeof href === 'string' && /^https?:/.test(href);
  return (
    <a href={href} {...rest} {...(external ? { rel: 'noopener noreferrer' } : {})}>
      {children}
    </a>
  );
}

function Table(props: ComponentProps<'table'>) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a table wider than the screen scrolls; keyboard users need to reach it
    <div className="table-wrap" tabIndex={0}>
      <table {...props} />
    </div>
  );
}

/** How MDX elements render on this site. */
export const mdxComponents = {
  a: MdxLink,
  pre: CodeBlock,
  table: Table,
  ...mdxHeadings,
};
