/**
 * The SPA's only way out: same-origin calls to the backend-for-frontend. The browser never sees a Pinterest
 * token; it holds an HttpOnly session cookie (sent automatically) and echoes the session's CSRF token in the
 * `x-csrf-token` header, which a page on another origin cannot read or set.
 */
import type { AnalyticsView, Metric } from '../server/routes/analytics.js';
import type { BoardView, PageView, PinView, ProfileView } from '../server/views.js';

export type { AnalyticsView, BoardView, Metric, PageView, PinView, ProfileView };

/** `GET /api/session`. */
export interface SessionInfo {
  authenticated: boolean;
  csrfToken?: string;
  environment: string;
}

/**
 * A failed call; `reauthRequired` means the backend ended the session and the user must log in again;
 * `missingScopes` (code `missing_scope`) are what to grant through {@link startGrant}.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly reauthRequired: boolean;
  readonly missingScopes: string[];
  constructor(
    status: number,
    code: string,
    message: string,
    reauthRequired: boolean,
    missingScopes: string[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.reauthRequired = reauthRequired;
    this.missingScopes = missingScopes;
  }
}

let csrfToken: string | undefined;

interface ErrorBody {
  error?: string;
  message?: string;
  reauth_required?: boolean;
  missing_scopes?: string[];
}

function toApiError(status: number, body: ErrorBody): ApiError {
  return new ApiError(
    status,
    body.error ?? `http_${status}`,
    body.message ?? `The server answered ${status}. Try again in a moment.`,
    body.reauth_required === true || status === 401,
    Array.isArray(body.missing_scopes) ? body.missing_scopes : [],
  );
}

async function readError(response: Response): Promise<ApiError> {
  let body: ErrorBody = {};
  try {
    body = await response.json();
  } catch {
    // Not JSON (a proxy error page, say): the status says enough.
  }
  return toApiError(response.status, body);
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

/**
 * Incremental consent: Pinterest asks the user for `scopes` on top of the login's; the session stays and the
 * browser comes back to `returnTo`.
 */
export function startGrant(scopes: string[], returnTo: string): void {
  window.location.assign(`/auth/login?${new URLSearchParams({ grant: scopes.join(','), returnTo })}`);
}

/** A board or section to pick in the New Pin dialog. */
export interface Choice {
  id: string;
  name: string;
}

/** The user's boards, for the board picker. */
export const fetchBoardChoices = async () => (await getJson<{ items: Choice[] }>('/api/board-choices')).items;

/** A board's sections, for the section picker. */
export const fetchSections = async (boardId: string) =>
  (await getJson<{ items: Choice[] }>(`/api/boards/${encodeURIComponent(boardId)}/sections`)).items;

/** What `POST /api/pins` takes: one of `image_base64` and `image_url`. */
export interface NewPin {
  board_id: string;
  board_section_id?: string;
  image_base64?: string;
  image_url?: string;
  title?: string;
  description?: string;
  link?: string;
  alt_text?: string;
}

/**
 * Creates a Pin. XMLHttpRequest rather than fetch: only it reports upload progress (`onProgress`, 0 to 1).
 * Resolves with the new Pin; rejects with an {@link ApiError}.
 */
export function createPin(
  pin: NewPin,
  onProgress: (fraction: number) => void,
): Promise<{ pin: PinView; boardId: string }> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', '/api/pins');
    request.setRequestHeader('content-type', 'application/json');
    request.setRequestHeader('x-csrf-token', csrfToken ?? '');
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    request.onload = () => {
      let body: unknown = {};
      try {
        body = JSON.parse(request.responseText);
      } catch {
        // Not JSON: the status says enough.
      }
      if (request.status === 201) resolve(body as { pin: PinView; boardId: string });
      else reject(toApiError(request.status, body as ErrorBody));
    };
    request.onerror = () =>
      reject(
        new ApiError(
          0,
          'network',
          'The app could not reach its server. Check your connection and try again.',
          false,
        ),
      );
    request.send(JSON.stringify(pin));
  });
}

/** The period of the analytics: the last 7, 30 or 90 days, or a range of dates (YYYY-MM-DD, UTC). */
export type AnalyticsQuery = { days: 7 | 30 | 90 } | { from: string; to: string };

/** The account's daily metrics for the period. */
export const fetchAnalytics = (query: AnalyticsQuery) =>
  getJson<AnalyticsView>(
    `/api/analytics?${new URLSearchParams('days' in query ? { days: String(query.days) } : query)}`,
  );
