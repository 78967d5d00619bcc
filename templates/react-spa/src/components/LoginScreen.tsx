import { startLogin } from '../api.js';

/** The signed-out page: what the app does, and the one button that starts the Pinterest login. */
export function LoginScreen({
  notice,
  environment,
  reauth,
}: {
  notice: string | null;
  environment: string | null;
  reauth: boolean;
}) {
  return (
    <main className="login">
      <div className="login__card">
        <div className="logo" aria-hidden="true">
          P
        </div>
        <h1>See your Pinterest boards</h1>
        <p className="muted">
          Log in with Pinterest to see your profile, your boards and their Pins. Your Pinterest password and
          tokens never reach this page.
        </p>
        {notice ? (
          <p className="notice" role="alert">
            {notice}
          </p>
        ) : null}
        <button
          type="button"
          className="button button--primary button--large"
          onClick={() => startLogin(window.location.pathname)}
        >
          {reauth ? 'Log in again' : 'Log in with Pinterest'}
        </button>
        {environment === 'mock' ? (
          <p className="muted small">Running against the local Pinterest mock.</p>
        ) : null}
      </div>
    </main>
  );
}
