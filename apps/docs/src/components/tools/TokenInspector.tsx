import { useEffect, useId, useState } from 'react';
import {
  fingerprint,
  type Inspection,
  inspectTokenResponse,
  relativeTime,
} from '../../tools/token-inspect.ts';
import { Field } from './Field.tsx';

const EXAMPLE = `{
  "access_token": "pina_EXAMPLE_NOT_A_REAL_TOKEN",
  "refresh_token": "pinr_EXAMPLE_NOT_A_REAL_TOKEN",
  "response_type": "authorization_code",
  "token_type": "bearer",
  "expires_in": 2592000,
  "refresh_token_expires_in": 5184000,
  "scope": "boards:read pins:read user_accounts:read"
}`;

function formatDate(date: Date | undefined): string {
  if (!date) return 'unknown';
  return `${date
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC')} (${relativeTime(date, new Date())})`;
}

/** Reads a token response locally: expiry dates, what to store, what to do next. */
export function TokenInspector() {
  const id = useId();
  const [text, setText] = useState(EXAMPLE);
  const [asked, setAsked] = useState('');
  const [inspection, setInspection] = useState<Inspection | undefined>(undefined);
  const [prints, setPrints] = useState<{ access?: string; refresh?: string }>({});

  // Dates depend on "now", so they are computed in the browser only (never in the prerendered HTML).
  useEffect(() => {
    const askedScopes = asked.split(/[\s,]+/).filter(Boolean);
    setInspection(inspectTokenResponse(text, new Date(), askedScopes));
    let cancelled = false;
    const bare = text.trim();
    if (/^pin[arc]\S*$/.test(bare)) {
      fingerprint(bare).then((a) => {
        if (!cancelled) setPrints({ access: a });
      });
      return () => {
        cancelled = true;
      };
    }
    try {
      const body = JSON.parse(text) as Record<string, unknown>;
      const access = typeof body.access_token === 'string' ? body.access_token : undefined;
      const refresh = typeof body.refresh_token === 'string' ? body.refresh_token : undefined;
      Promise.all([access && fingerprint(access), refresh && fingerprint(refresh)]).then(([a, r]) => {
        if (!cancelled) setPrints({ access: a || undefined, refresh: r || undefined });
      });
    } catch {
      setPrints({});
    }
    return () => {
      cancelled = true;
    };
  }, [text, asked]);

  return (
    <section className="tool" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="visually-hidden">
        Token response inspector
      </h2>
      <Field
        id={`${id}-json`}
        label="Token response (JSON) or a token"
        hint={
          <>
            The body returned by <code>POST /v5/oauth/token</code>, or a bare token (<code>pina…</code>,{' '}
            <code>pinr…</code>, <code>pinc…</code>). It stays in this page: nothing is sent anywhere.
          </>
        }
        value={text}
        multiline
        rows={10}
        spellCheck={false}
        onChange={setText}
      />
      <Field
        id={`${id}-asked`}
        label="Scopes you asked for (optional)"
        hint="Comma or space separated, as in PINTEREST_SCOPES."
        value={asked}
        onChange={setAsked}
      />
      <div role="status" aria-live="polite" data-testid="token-result">
        {inspection ? <InspectionView inspection={inspection} prints={prints} /> : <p>Reading…</p>}
      </div>
    </section>
  );
}

function InspectionView({
  inspection,
  prints,
}: {
  inspection: Inspection;
  prints: { access?: string; refresh?: string };
}) {
  if (inspection.kind === 'invalid') {
    return (
      <ul className="problems" data-kind="invalid">
        {inspection.problems.map((p) => (
          <li key={p}>{p}</li>
        ))}
      </ul>
    );
  }
  if (inspection.kind === 'bare') {
    const name =
      inspection.tokenKind === 'access'
        ? 'A user access token'
        : inspection.tokenKind === 'refresh'
          ? 'A refresh token'
          : inspection.tokenKind === 'client_credentials'
            ? 'A client-credentials token'
            : 'Not a recognised Pinterest token';
    return (
      <div data-kind="bare" data-token-kind={inspection.tokenKind ?? 'unknown'}>
        <p className={inspection.tokenKind ? 'verdict verdict-ok' : 'verdict verdict-bad'}>
          {name}: <code>{inspection.prefix}…</code>
          {prints.access ? ` fingerprint ${prints.access}` : ''}
        </p>
        <h3>What the token tells</h3>
        <ul data-testid="bare-known">
          {inspection.known.map((k) => (
            <li key={k}>{k}</li>
          ))}
        </ul>
        <h3>What it cannot tell</h3>
        <ul data-testid="bare-unknown">
          {inspection.unknown.map((u) => (
            <li key={u}>{u}</li>
          ))}
        </ul>
        <p>Paste the whole token response instead to see its expiry dates and what to store.</p>
      </div>
    );
  }
  if (inspection.kind === 'error') {
    return (
      <div data-kind="error">
        <p className="verdict verdict-bad">
          Pinterest error: HTTP {inspection.status}, code {inspection.code} — “{inspection.message}”
        </p>
        <dl className="facts">
          <dt>Meaning</dt>
          <dd>{inspection.meaning}</dd>
          <dt>Fix</dt>
          <dd>{inspection.fix}</dd>
        </dl>
      </div>
    );
  }
  return (
    <div data-kind="tokens" data-grant={inspection.grant}>
      <p className="verdict verdict-ok">
        {inspection.grant === 'client_credentials'
          ? 'Client credentials token (acts as the app owner, no refresh token).'
          : inspection.grant === 'refresh_token'
            ? 'Refresh response: a new access token AND a new refresh token.'
            : inspection.grant === 'authorization_code'
              ? 'Code exchange response: a user’s access and refresh tokens.'
              : 'Token response.'}
      </p>
      <dl className="facts">
        <dt>Access token</dt>
        <dd>
          <code>{inspection.accessToken.prefix}…</code>
          {prints.access ? ` fingerprint ${prints.access}` : ''}
        </dd>
        <dt>Access token expires</dt>
        <dd data-testid="access-expiry">{formatDate(inspection.accessToken.expiresAt)}</dd>
        {inspection.refreshToken ? (
          <>
            <dt>Refresh token</dt>
            <dd>
              <code>{inspection.refreshToken.prefix}…</code>
              {prints.refresh ? ` fingerprint ${prints.refresh}` : ''}
            </dd>
            <dt>Refresh token expires</dt>
            <dd data-testid="refresh-expiry">{formatDate(inspection.refreshToken.expiresAt)}</dd>
          </>
        ) : null}
        <dt>Granted scopes</dt>
        <dd>{inspection.scopes.length > 0 ? inspection.scopes.join(' ') : 'none listed'}</dd>
        {inspection.missingScopes.length > 0 ? (
          <>
            <dt>Not granted</dt>
            <dd className="problems" data-testid="missing-scopes">
              {inspection.missingScopes.join(' ')}
            </dd>
          </>
        ) : null}
      </dl>
      {inspection.problems.length > 0 ? (
        <>
          <h3>Problems</h3>
          <ul className="warnings" data-testid="token-problems">
            {inspection.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </>
      ) : null}
      <h3>What to store</h3>
      <ul>
        {inspection.store.map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ul>
      <h3>Next steps</h3>
      <ul data-testid="next-steps">
        {inspection.nextSteps.map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ul>
    </div>
  );
}
