import { useCallback, useEffect, useState } from 'react';
import { ApiError, type BoardView, fetchProfile, fetchSession, logout, type ProfileView } from './api.js';
import { BoardPins } from './components/BoardPins.js';
import { BoardsGrid } from './components/BoardsGrid.js';
import { ErrorPanel } from './components/ErrorPanel.js';
import { LoginScreen } from './components/LoginScreen.js';
import { ProfileCard } from './components/ProfileCard.js';
import { Spinner } from './components/Spinner.js';
import { loginErrorMessage } from './messages.js';

type View =
  | { kind: 'loading' }
  | { kind: 'signed-out'; notice: string | null; reauth: boolean }
  | { kind: 'signed-in'; profile: ProfileView; notice: string | null }
  | { kind: 'error'; error: unknown };

type Route = { page: 'boards' } | { page: 'board'; boardId: string; name: string | null };

function routeFromLocation(): Route {
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

const EXPIRED_NOTICE = 'Your Pinterest connection has expired. Log in again to continue.';

/** The whole app: session check, login screen, profile + boards, a board's Pins, logout. */
export function App() {
  const [view, setView] = useState<View>({ kind: 'loading' });
  const [environment, setEnvironment] = useState<string | null>(null);
  const [route, setRoute] = useState<Route>(routeFromLocation);
  const [busy, setBusy] = useState(false);

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
    const path = next.page === 'board' ? `/boards/${next.boardId}` : '/';
    window.history.pushState(next.page === 'board' ? { boardName: next.name } : null, '', path);
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
        <span className="topbar__spacer" />
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
        ) : (
          <BoardPins
            key={route.boardId}
            boardId={route.boardId}
            initialName={route.name}
            onBack={() => navigate({ page: 'boards' })}
          />
        )}
      </main>
    </>
  );
}
