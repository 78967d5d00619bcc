import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { Link, useRouter } from '../router.tsx';
import type { Searcher, SearchHit } from '../search/engine.ts';

let searcherPromise: Promise<Searcher> | undefined;
function getSearcher(): Promise<Searcher> {
  searcherPromise ??= import('../search/engine.ts').then((m) => m.loadSearcher());
  searcherPromise.catch(() => {
    searcherPromise = undefined; // allow a retry
  });
  return searcherPromise;
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export function SearchButton() {
  const dialog = useRef<HTMLDialogElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<SearchHit[]>([]);
  const [active, setActive] = useState(0);
  const [status, setStatus] = useState<'idle' | 'loading' | 'ready' | 'failed'>('idle');
  const searcher = useRef<Searcher | undefined>(undefined);
  const { navigate } = useRouter();
  const listId = useId();
  const titleId = useId();

  const open = () => {
    dialog.current?.showModal();
    input.current?.select();
    if (!searcher.current) {
      setStatus('loading');
      getSearcher().then(
        (s) => {
          searcher.current = s;
          setStatus('ready');
        },
        () => setStatus('failed'),
      );
    }
  };

  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      const slash = event.key === '/' && !event.ctrlKey && !event.metaKey && !event.altKey;
      const ctrlK = event.key.toLowerCase() === 'k' && (event.ctrlKey || event.metaKey);
      if ((slash && !isTyping(event.target)) || ctrlK) {
        event.preventDefault();
        open();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  // biome-ignore lint/correctness/useExhaustiveDependencies: status flips to ready once the index is loaded
  useEffect(() => {
    setHits(query.trim() && searcher.current ? searcher.current(query.trim()) : []);
    setActive(0);
  }, [query, status]);

  const close = () => {
    dialog.current?.close();
    setQuery('');
  };

  const go = (hit: SearchHit | undefined) => {
    if (!hit) return;
    close();
    navigate(hit.href);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setActive((i) => Math.min(i + 1, hits.length - 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((i) => Math.max(i - 1, 0));
    } else if (event.key === 'Escape') {
      // A search input would only clear itself on Escape; close the whole dialog instead.
      event.preventDefault();
      dialog.current?.close();
    } else if (event.key === 'Enter') {
      event.preventDefault();
      // Ctrl/⌘+Enter opens the active hit in a new tab, as a modified click on a link would.
      const hit = hits[active];
      if (hit && (event.ctrlKey || event.metaKey)) window.open(hit.href, '_blank', 'noopener');
      else go(hit);
    }
  };

  return (
    <>
      {/* aria-label: below 900 px the visible label is hidden and only the icon remains. */}
      <button
        type="button"
        className="search-button"
        onClick={open}
        aria-label="Search"
        aria-keyshortcuts="/"
      >
        <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
          <circle cx="11" cy="11" r="7" fill="none" stroke="currentColor" strokeWidth="2" />
          <path d="m20 20-4-4" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
        </svg>
        <span className="search-label">Search</span>
        <kbd className="shortcut">/</kbd>
      </button>
      {/* biome-ignore lint/a11y/useKeyWithClickEvents: a click on the backdrop closes; Escape does the same for keyboards */}
      <dialog
        ref={dialog}
        className="search-dialog"
        aria-labelledby={titleId}
        onClick={(e) => {
          if (e.target === dialog.current) dialog.current?.close();
        }}
      >
        <h2 id={titleId} className="visually-hidden">
          Search the docs
        </h2>
        <div className="search-box">
          <input
            ref={input}
            type="search"
            role="combobox"
            aria-label="Search the docs"
            aria-expanded={hits.length > 0}
            aria-controls={listId}
            aria-activedescendant={hits[active] ? `${listId}-${active}` : undefined}
            aria-autocomplete="list"
            placeholder="Search the docs…"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={onKeyDown}
          />
          <button type="button" className="search-close" onClick={() => dialog.current?.close()}>
            Esc
          </button>
        </div>
        <div id={listId} role="listbox" aria-label="Results" className="search-results">
          {hits.map((hit, i) => (
            // Real links: Enter in the box follows the active one; a click, a middle click or
            // Ctrl/⌘-click behaves as on any link (the router handles only plain left clicks).
            <Link
              key={hit.href}
              id={`${listId}-${i}`}
              href={hit.href}
              role="option"
              tabIndex={-1}
              aria-selected={i === active}
              onClick={(event) => {
                if (event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey) close();
              }}
              onMouseMove={() => setActive(i)}
            >
              <span className="hit-name">
                <span className="hit-title">{hit.title}</span>
                {hit.heading ? <span className="hit-heading"> › {hit.heading}</span> : null}
              </span>
              <span className="hit-section">{hit.section}</span>
              <span className="hit-description">{hit.description}</span>
            </Link>
          ))}
        </div>
        <p className="search-status" aria-live="polite">
          {status === 'loading'
            ? 'Loading the index…'
            : status === 'failed'
              ? 'The search index could not be loaded.'
              : query.trim() && hits.length === 0
                ? `No page matches “${query.trim()}”.`
                : query.trim()
                  ? `${hits.length} result${hits.length === 1 ? '' : 's'}`
                  : 'Type a word, then use ↑ ↓ and Enter.'}
        </p>
      </dialog>
    </>
  );
}
