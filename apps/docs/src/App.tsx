import type { MDXContent } from 'mdx/types';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Layout } from './components/Layout.tsx';
import { mdxComponents } from './components/mdx.tsx';
import { NotFound } from './components/NotFound.tsx';
import type { PageHeading } from './lib/slug.ts';
import { PAGES, type PageInfo, type PageModule, pageFor, SITE_NAME } from './pages.ts';
import { RouterContext } from './router.tsx';

export interface AppProps {
  /** The URL path being shown. */
  path: string;
  /** The page's already loaded body (undefined: the 404 page). */
  content: MDXContent | undefined;
  /** Its h2/h3 headings, for "On this page". */
  headings?: PageHeading[];
}

const NO_HEADINGS: PageHeading[] = [];

export function documentTitle(page: PageInfo | undefined): string {
  if (!page) return `Page not found · ${SITE_NAME}`;
  return page.path === '/' ? `${SITE_NAME} docs` : `${page.title} · ${SITE_NAME}`;
}

export function App(props: AppProps) {
  const [state, setState] = useState(props);
  const pending = useRef<string | undefined>(undefined);
  const focusHeading = useRef(false);

  const navigate = useCallback((href: string) => {
    const url = new URL(href, window.location.href);
    const target = pageFor(url.pathname);
    if (url.pathname === window.location.pathname && url.hash) {
      window.history.pushState(null, '', url.href);
      document.getElementById(decodeURIComponent(url.hash.slice(1)))?.scrollIntoView();
      return;
    }
    pending.current = url.href;
    const show = (module: PageModule | undefined, path: string) => {
      if (pending.current !== url.href) return; // a later click won
      window.history.pushState(null, '', url.href);
      focusHeading.current = true;
      setState({ path, content: module?.default, headings: module?.headings });
    };
    if (!target) show(undefined, url.pathname);
    else
      target.load().then(
        (module) => show(module, target.path),
        () => window.location.assign(url.href), // chunk failed (new deploy?): let the server answer
      );
  }, []);

  useEffect(() => {
    const onPop = () => {
      const target = pageFor(window.location.pathname);
      if (!target) {
        setState({ path: window.location.pathname, content: undefined });
        return;
      }
      target
        .load()
        .then((module) =>
          setState({ path: target.path, content: module.default, headings: module.headings }),
        );
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  const page = pageFor(state.path);
  useEffect(() => {
    // Lets browser tests (and curious people) know the page is interactive.
    document.documentElement.dataset.hydrated = 'true';
  }, []);
  useEffect(() => {
    document.title = documentTitle(page);
    if (!focusHeading.current) return;
    focusHeading.current = false;
    const hash = window.location.hash.slice(1);
    const anchor = hash ? document.getElementById(decodeURIComponent(hash)) : null;
    if (anchor) anchor.scrollIntoView();
    else window.scrollTo(0, 0);
    // Move focus to the new page's heading so screen readers announce it and Tab continues from there.
    document.querySelector<HTMLElement>('main h1')?.focus({ preventScroll: true });
  }, [page]);

  const router = useMemo(() => ({ path: state.path, navigate }), [state.path, navigate]);
  const Content = state.content;
  return (
    <RouterContext.Provider value={router}>
      <Layout page={page} headings={(page && state.headings) || NO_HEADINGS}>
        {page && Content ? (
          <>
            <h1 tabIndex={-1}>{page.title}</h1>
            <Content components={mdxComponents} />
          </>
        ) : (
          <NotFound />
        )}
      </Layout>
    </RouterContext.Provider>
  );
}

export { PAGES };
