import { ApiError, startLogin } from '../api.js';

/** An error box; a lost Pinterest connection offers "Log in again", anything else "Try again". */
export function ErrorPanel({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const reauth = error instanceof ApiError && error.reauthRequired;
  const message = error instanceof Error ? error.message : 'Something went wrong.';
  return (
    <div className="error-panel" role="alert">
      <p>{message}</p>
      {reauth ? (
        <button
          type="button"
          className="button button--primary"
          onClick={() => startLogin(window.location.pathname)}
        >
          Log in again
        </button>
      ) : onRetry ? (
        <button type="button" className="button" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}
