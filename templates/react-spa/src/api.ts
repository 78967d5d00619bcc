/**
 * The SPA's only way out: same-origin calls to the backend-for-frontend. The browser never sees a Pinterest
 * token; it holds an HttpOnly session cookie (sent automatically) and echoes the session's CSRF token in the
 * `x-csrf-token` header, which a page on another origin cannot read or set.
 */
import type { BoardView, PageView, PinView, ProfileView } from '../server/views.js';

export type { BoardView, PageView, PinView, ProfileView };

/** `GET /api/session`. */
export interface SessionInfo {
  authenticated: boolean;
  csrfToken?: string;
  environment: string;
}

/** A failed call; `reauthRequired` means the backend ended the session and the user must log in again. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly reauthRequired: boolean;
  constructor(status: number, code: string, message: string, reauthRequired: boolean) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.reauthRequired = reauthRequired;
  }
}

let csrfToken: string | undefined;

async function readError(response: Response): Promise<ApiError> {
  let body: { error?: string; message?: string; reauth_required?: boolean } = {};
  try {
    body = await response.json();
  } catch {
    // Not JSON (a proxy error page, say): the status says enough.
  }
  const reauth = body.reauth_required === true || response.status === 401;
  return new ApiError(
    response.status,
    body.error ?? `http_${response.status}`,
    body.message ?? `The server answered ${response.status}.`,
    reauth,
  );
}

/** Asks the backend whether this browser is logged in, and keeps the CSRF token for later calls. */
export async function fetchSession(): Promise<SessionInfo> {
  const response = await fetch('/api/session', {
    credentials: 'same-origin',
    headers: { accept: 'application/json' },
  });
  if (!response.ok) throw await readError(response);
  const session = (await response.json()) as SessionInfo;
  csrfToken = session.csrfToken;
  return session;
}

async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(path, {
    credentials: 'same-origin',
    headers: { accept: 'application/json', 'x-csrf-token': csrfToken ?? '' },
  });
  if (!response.ok) throw await readError(response);
  return (await response.json()) as T;
}

const withBookmark = (path: string, bookmark: string | null) =>
  bookmark ? `${path}?bookmark=${encodeURIComponent(bookmark)}` : path;

/** The logged-in user's profile. */
export const fetchProfile = () => getJson<ProfileView>('/api/me');

/** One page of the user's boards. */
export const fetchBoards = (bookmark: string | null) =>
  getJson<PageView<BoardView>>(withBookmark('/api/boards', bookmark));

/** One page of a board's Pins. */
export const fetchBoardPins = (boardId: string, bookmark: string | null) =>
  getJson<PageView<PinView>>(withBookmark(`/api/boards/${encodeURIComponent(boardId)}/pins`, bookmark));

/** A board's name, through the backend's allow-listed Pinterest proxy (raw Pinterest JSON). */
export const fetchBoardName = async (boardId: string) =>
  (await getJson<{ name?: string }>(`/api/pinterest/boards/${encodeURIComponent(boardId)}`)).name ?? null;

/** Ends the session on the backend (which also forgets the Pinterest tokens). */
export async function logout(): Promise<void> {
  const response = await fetch('/auth/logout', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'x-csrf-token': csrfToken ?? '' },
  });
  csrfToken = undefined;
  if (!response.ok && response.status !== 401) throw await readError(response);
}

/** Full-page navigation to the backend, which redirects to Pinterest's consent page. */
export function startLogin(returnTo = '/'): void {
  window.location.assign(`/auth/login?returnTo=${encodeURIComponent(returnTo)}`);
}
