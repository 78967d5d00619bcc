import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { ApiError, type BoardView, fetchProfile, fetchSession, logout, type ProfileView } from './api.js';
import { BoardPins } from './components/BoardPins.js';
import { BoardsGrid } from './components/BoardsGrid.js';
import { ErrorPanel } from './components/ErrorPanel.js';
import { LoginScreen } from './components/LoginScreen.js';
import { NEW_PIN_QUERY, NewPinDialog } from './components/NewPinDialog.js';
import { ProfileCard } from './components/ProfileCard.js';
import { Spinner } from './components/Spinner.js';
import { loginErrorMessage } from './messages.js';

type View =
  | { kind: 'loading' }
  | { kind: 'signed-out'; notice: string | null; reauth: boolean }
  | { kind: 'signed-in'; profile: ProfileView; notice: string | null }
  | { kind: 'error'; error: unknown };

// The analytics page and its chart library are a chunk of their own, loaded only on that route.
const AnalyticsPage = lazy(() => import('./components/AnalyticsPage.js'));

type Route =
  | { page: 'boards' }
  | { page: 'board'; boardId: string; name: string | null }
  | { page: 'analytics' };

const pathOf = (route: Route) =>
  route.page === 'board' ? `/boards/${route.boardId}` : route.page === 'analytics' ? '/analytics' : '/';

function routeFromLocation(): Route {
  if (/^\/analytics\/?$/.test(window.location.pathname)) return { page: 'analytics' };
  const match = /^\/boards\/([0-9]{1,32})\/?$/.exec(window.location.pathname);
  if (match?.[1]) {
    const state = window.history.state as { boardName?: unknown } | null;
    return {
      page: 'board',
      boardId: match[1],
      name: typeof state?.boardName === 'string' ? state.boardName : null,
    };
  }
  return { page: 'boards' };
}

/** Reads `?login_error=` left by the backend after a failed callback, and removes it from the address bar. */
function takeLoginError(): string | null {
  const url = new URL(window.location.href);
  const reason = url.searchParams.get('login_error');
  if (reason === null) return null;
  url.searchParams.delete('login_error');
  window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}${url.hash}`);
  return loginErrorMessage(reason);
}

/** True when the incremental consent brought the user back to publish (`?new-pin`); removes it. */
function takeNewPinReturn(): boolean {
  const url = new URL(window.location.href);
  if (!url.searchParams.has(NEW_PIN_QUERY)) return false;
  url.searchParams.delete(NEW_PIN_QUERY);
  window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}${url.hash}`);
  return true;
}

const EXPIRED_NOTICE = 'Your Pinterest connection has expired. Log in again to continue.';

/** The whole app: session check, login screen, profile + boards, a board's Pins, logout. */
export function App() {
  const [view, setView] = useState<View>({ kind: 'loading' });
  const [environment, setEnvironment] = useState<string | null>(null);
  const [route, setRoute] = useState<Route>(routeFromLocation);
  const [busy, setBusy] = useState(false);
  const [newPinOpen, setNewPinOpen] = useState(takeNewPinReturn);
  /** Bumped after a Pin is created, so that the board page shows it. */
  const [published, setPublished] = useState(0);

  const start = useCallback(async (notice: string | null) => {
    setView({ kind: 'loading' });
    try {
      const session = await fetchSession();
      setEnvironment(session.environment);
      if (!session.authenticated) {
        setView({ kind: 'signed-out', notice, reauth: false });
        return;
      }
      setView({ kind: 'signed-in', profile: await fetchProfile(), notice });
    } catch (error) {
      if (error instanceof ApiError && error.reauthRequired)
        setView({ kind: 'signed-out', notice: EXPIRED_NOTICE, reauth: true });
      else setView({ kind: 'error', error });
    }
  }, []);

  useEffect(() => {
    void start(takeLoginError());
    const onPopState = () => setRoute(routeFromLocation());
    window.addEventListener('popstate', onPopState);
    return () => window.removeEventListener('popstate', onPopState);
  }, [start]);

  const navigate = (next: Route) => {
    window.history.pushState(next.page === 'board' ? { boardName: next.name } : null, '', pathOf(next));
    setRoute(next);
    window.scrollTo(0, 0);
  };

  const onLogout = async () => {
    setBusy(true);
    try {
      await logout();
      window.history.replaceState(null, '', '/');
      setRoute({ page: 'boards' });
      setView({ kind: 'signed-out', notice: 'You are logged out.', reauth: false });
    } catch (error) {
      setView({ kind: 'error', error });
    } finally {
      setBusy(false);
    }
  };

  if (view.kind === 'loading') {
    return (
      <main className="center">
        <Spinner label="Loading…" />
      </main>
    );
  }
  if (view.kind === 'signed-out')
    return <LoginScreen notice={view.notice} environment={environment} reauth={view.reauth} />;
  if (view.kind === 'error') {
    return (
      <main className="center">
        <ErrorPanel error={view.error} onRetry={() => void start(null)} />
      </main>
    );
  }

  const { profile } = view;
  return (
    <>
      <header className="topbar">
        <a
          href="/"
          className="topbar__brand"
          onClick={(event) => {
            event.preventDefault();
            navigate({ page: 'boards' });
          }}
        >
          <span className="logo logo--small" aria-hidden="true">
            P
          </span>
          Boards
        </a>
        {environment === 'mock' ? <span className="badge">mock</span> : null}
        {environment === 'sandbox' ? <span className="badge">sandbox</span> : null}
        <a
          href="/analytics"
          className="topbar__link"
          aria-current={route.page === 'analytics' ? 'page' : undefined}
          onClick={(event) => {
            event.preventDefault();
            navigate({ page: 'analytics' });
          }}
        >
          Analytics
        </a>
        <span className="topbar__spacer" />
        <button type="button" className="button button--primary" onClick={() => setNewPinOpen(true)}>
          New Pin
        </button>
        <button type="button" className="button" onClick={onLogout} disabled={busy}>
          Log out
        </button>
      </header>
      <main className="content">
        {view.notice ? (
          <p className="notice notice--inline" role="alert">
            {view.notice}
          </p>
        ) : null}
        {route.page === 'boards' ? (
          <>
            <ProfileCard profile={profile} />
            <BoardsGrid
              onOpen={(board: BoardView) => navigate({ page: 'board', boardId: board.id, name: board.name })}
            />
          </>
        ) : route.page === 'analytics' ? (
          <Suspense fallback={<Spinner label="Loading analytics…" />}>
            <AnalyticsPage />
          </Suspense>
        ) : (
          <BoardPins
            key={`${route.boardId}:${published}`}
            boardId={route.boardId}
            initialName={route.name}
            onBack={() => navigate({ page: 'boards' })}
          />
        )}
      </main>
      {newPinOpen ? (
        <NewPinDialog
          onClose={() => setNewPinOpen(false)}
          onCreated={(boardId, name) => {
            setNewPinOpen(false);
            setPublished((n) => n + 1);
            navigate({ page: 'board', boardId, name });
          }}
        />
      ) : null}
    </>
  );
}
