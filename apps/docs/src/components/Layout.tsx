import { type ReactNode, useEffect, useId, useState } from 'react';
import type { PageHeading } from '../lib/slug.ts';
import { PAGES, type PageInfo, SITE_NAME } from '../pages.ts';
import { Link, useRouter } from '../router.tsx';
import { MIN_TOC_HEADINGS, OnThisPage, useCurrentSection } from './OnThisPage.tsx';
import { SearchButton } from './Search.tsx';
import { ThemeToggle } from './ThemeToggle.tsx';

function sections(): [string, PageInfo[]][] {
  const grouped = new Map<string, PageInfo[]>();
  for (const page of PAGES) grouped.set(page.section, [...(grouped.get(page.section) ?? []), page]);
  return [...grouped.entries()];
}

function Sidebar({ id, open }: { id: string; open: boolean }) {
  const { path } = useRouter();
  return (
    <nav id={id} className="sidebar" aria-label="Documentation" data-open={open ? '' : undefined}>
      {sections().map(([section, pages]) => (
        <div key={section} className="sidebar-section">
          <h2 className="sidebar-heading">{section}</h2>
          <ul>
            {pages.map((p) => (
              <li key={p.path}>
                <Link href={p.path} aria-current={p.path === path ? 'page' : undefined}>
                  {p.title}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </nav>
  );
}

function PrevNext({ page }: { page: PageInfo }) {
  const index = PAGES.indexOf(page);
  const previous = index > 0 ? PAGES[index - 1] : undefined;
  const next = PAGES[index + 1];
  return (
    <nav className="prev-next" aria-label="Previous and next page">
      {previous ? (
        <Link href={previous.path} rel="prev" className="prev">
          <span className="label">Previous</span>
          <span className="title">{previous.title}</span>
        </Link>
      ) : (
        <span />
      )}
      {next ? (
        <Link href={next.path} rel="next" className="next">
          <span className="label">Next</span>
          <span className="title">{next.title}</span>
        </Link>
      ) : null}
    </nav>
  );
}

export function Layout({
  page,
  headings,
  children,
}: {
  page: PageInfo | undefined;
  headings: PageHeading[];
  children: ReactNode;
}) {
  const sidebarId = useId();
  const [menuOpen, setMenuOpen] = useState(false);
  const { path } = useRouter();
  const section = useCurrentSection(headings);
  const hasToc = headings.length >= MIN_TOC_HEADINGS;
  // Close the mobile menu whenever the page changes.
  // biome-ignore lint/correctness/useExhaustiveDependencies: path is the trigger, not a value used inside
  useEffect(() => setMenuOpen(false), [path]);
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <button
          type="button"
          className="icon-button menu-button"
          aria-expanded={menuOpen}
          aria-controls={sidebarId}
          onClick={() => setMenuOpen((open) => !open)}
        >
          <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
            <path d="M3 6h18M3 12h18M3 18h18" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
          </svg>
          <span className="visually-hidden">Menu</span>
        </button>
        <Link href="/" className="brand">
          <svg viewBox="0 0 32 32" width="26" height="26" aria-hidden="true" className="brand-mark">
            <circle cx="16" cy="16" r="15" fill="currentColor" />
            <path
              d="M16.6 6.5c-5.5 0-8.3 3.9-8.3 7.2 0 2 .8 3.8 2.4 4.4.3.1.5 0 .6-.3l.2-.9c.1-.3 0-.4-.2-.7-.5-.6-.8-1.3-.8-2.4 0-3.1 2.3-5.8 6-5.8 3.3 0 5.1 2 5.1 4.7 0 3.5-1.6 6.5-3.9 6.5-1.3 0-2.2-1-1.9-2.3.4-1.5 1.1-3.2 1.1-4.3 0-1-.5-1.8-1.6-1.8-1.3 0-2.3 1.3-2.3 3.1 0 1.1.4 1.9.4 1.9l-1.5 6.5c-.4 1.9-.1 4.3 0 4.5 0 .1.2.2.3.1.1-.1 1.4-1.8 1.9-3.4l.7-2.9c.4.7 1.4 1.3 2.6 1.3 3.4 0 5.6-3.1 5.6-7.2 0-3.1-2.6-6-6.7-6z"
              fill="var(--bg)"
            />
          </svg>
          <span>{SITE_NAME}</span>
        </Link>
        <div className="topbar-actions">
          <SearchButton />
          <ThemeToggle />
        </div>
      </header>
      <div className={hasToc ? 'columns has-toc' : 'columns'}>
        <Sidebar id={sidebarId} open={menuOpen} />
        <main id="main" tabIndex={-1}>
          <OnThisPage headings={headings} variant="inline" section={section} />
          <article className="content">{children}</article>
          {page ? <PrevNext page={page} /> : null}
          <footer className="footer">
            <p>
              Facts on this site follow Pinterest’s API v5 documentation and its OpenAPI description. Code
              samples are read from the kit’s sources when the site is built.
            </p>
          </footer>
        </main>
        <OnThisPage headings={headings} variant="column" section={section} />
      </div>
    </div>
  );
}
