import { SCOPES } from 'virtual:pinterest-scopes';
import { useEffect, useId, useState } from 'react';
import { buildConsentUrl, randomState } from '../../tools/consent-url.ts';
import { CopyButton } from '../CodeBlock.tsx';
import { Field } from './Field.tsx';

const DEFAULT_SCOPES = ['boards:read', 'pins:read', 'user_accounts:read'];

/** Builds Pinterest's consent page URL from an App ID, a redirect URI and picked scopes. */
export function ConsentUrlBuilder() {
  const id = useId();
  const [appId, setAppId] = useState('');
  const [redirectUri, setRedirectUri] = useState('http://localhost:3000/auth/callback');
  const [scopes, setScopes] = useState<string[]>(DEFAULT_SCOPES);
  // Random state is made in the browser after hydration (the prerendered page cannot know it).
  const [state, setState] = useState('');
  useEffect(() => setState(randomState()), []);
  const known = SCOPES.map((s) => s.name);
  const result = buildConsentUrl({ appId, redirectUri, scopes, state }, known);
  const toggle = (scope: string) =>
    setScopes((current) =>
      current.includes(scope) ? current.filter((s) => s !== scope) : [...current, scope],
    );
  return (
    <section className="tool" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="visually-hidden">
        Consent URL builder
      </h2>
      <Field
        id={`${id}-app`}
        label="App ID"
        hint="The number shown in My apps → Manage (the mock’s default app is 1000001)."
        value={appId}
        inputMode="numeric"
        onChange={setAppId}
      />
      <Field
        id={`${id}-redirect`}
        label="Redirect URI"
        hint="Exactly one of the URIs registered for the app."
        value={redirectUri}
        spellCheck={false}
        onChange={setRedirectUri}
      />
      <fieldset>
        <legend>Scopes</legend>
        <div className="scope-grid">
          {SCOPES.map((scope) => (
            <label key={scope.name} className="check">
              <input
                type="checkbox"
                checked={scopes.includes(scope.name)}
                onChange={() => toggle(scope.name)}
              />
              <span>
                <code>{scope.name}</code>
                <small>{scope.description}</small>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <div className="tool-actions">
        <button type="button" className="button button-secondary" onClick={() => setState(randomState())}>
          New state value
        </button>
      </div>
      <div role="status" aria-live="polite">
        {result.url ? (
          <div className="output">
            <code className="url" data-testid="consent-url">
              {result.url}
            </code>
            <CopyButton getText={() => result.url ?? ''} />
          </div>
        ) : (
          <ul className="problems" data-testid="consent-problems">
            {result.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        )}
        {result.warnings.length > 0 ? (
          <ul className="warnings">
            {result.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        ) : null}
      </div>
    </section>
  );
}
