/**
 * A tiny client-side router: links change the URL with the History API and the app swaps the page body
 * once its chunk has loaded. Plain `<a href>` everywhere, so every link also works without JavaScript.
 */
import { type AnchorHTMLAttributes, createContext, type MouseEvent, useContext } from 'react';

export interface RouterValue {
  path: string;
  navigate: (href: string) => void;
}

export const RouterContext = createContext<RouterValue>({ path: '/', navigate: () => {} });

export function useRouter(): RouterValue {
  return useContext(RouterContext);
}

/** True for links the router handles itself: same origin, no modifier keys, no target, not a download. */
export function isInternalHref(href: string | undefined): href is string {
  return typeof href === 'string' && href.startsWith('/') && !href.startsWith('//');
}

export function Link(props: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  const { navigate } = useRouter();
  const { href, onClick, ...rest } = props;
  const handle = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    if (!isInternalHref(href) || rest.target || rest.download !== undefined) return;
    event.preventDefault();
    navigate(href);
  };
  return <a href={href} onClick={handle} {...rest} />;
}
