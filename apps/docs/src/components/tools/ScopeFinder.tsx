import { ENDPOINTS } from 'virtual:pinterest-endpoints';
import { SCOPES } from 'virtual:pinterest-scopes';
import { useId, useState } from 'react';
import { filterEndpoints, scopesEnvLine, scopesFor } from '../../tools/scope-finder.ts';
import { CopyButton } from '../CodeBlock.tsx';

const STARTER = ['user_account/get', 'boards/list', 'boards/list_pins'];

/** Pick endpoints, get the scopes they need (data generated at build time from openapi-v5.json). */
export function ScopeFinder() {
  const id = useId();
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState<string[]>(
    STARTER.filter((s) => ENDPOINTS.some((e) => e.operationId === s)),
  );
  const shown = filterEndpoints(ENDPOINTS, query).slice(0, 200);
  const needs = scopesFor(ENDPOINTS, selected);
  const meaning = new Map(SCOPES.map((s) => [s.name, s.description]));
  const toggle = (operationId: string) =>
    setSelected((current) =>
      current.includes(operationId) ? current.filter((s) => s !== operationId) : [...current, operationId],
    );
  return (
    <section className="tool" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="visually-hidden">
        Scope finder
      </h2>
      <div className="field">
        <label htmlFor={`${id}-filter`}>
          Find endpoints
          <span className="hint">
            {ENDPOINTS.length} operations of API v5. Filter by words: <code>board pins</code>,{' '}
            <code>POST</code>, <code>catalogs</code>.
          </span>
        </label>
        <input
          id={`${id}-filter`}
          type="search"
          value={query}
          autoComplete="off"
          onChange={(e) => setQuery(e.target.value)}
        />
        <ul className="endpoint-list" aria-label="Endpoints">
          {shown.map((e) => (
            <li key={e.operationId}>
              <label className="check">
                <input
                  type="checkbox"
                  checked={selected.includes(e.operationId)}
                  onChange={() => toggle(e.operationId)}
                  data-operation={e.operationId}
                />
                <span>
                  <span className="method">{e.method}</span>
                  <code>/v5{e.path}</code>
                  <small>
                    {e.summary}
                    {e.scopes.length === 0
                      ? ' — Basic auth (app ID and secret), no scope'
                      : ` — ${e.scopes.join(', ')}`}
                  </small>
                </span>
              </label>
            </li>
          ))}
        </ul>
      </div>
      <div role="status" aria-live="polite" data-testid="scope-result">
        <h3>
          {selected.length} endpoint{selected.length === 1 ? '' : 's'} selected → {needs.length} scope
          {needs.length === 1 ? '' : 's'}
        </h3>
        {needs.length > 0 ? (
          <>
            <ul>
              {needs.map((need) => (
                <li key={need.scope} data-scope={need.scope}>
                  <code>{need.scope}</code> — {meaning.get(need.scope)}
                  <br />
                  <small>needed by {need.neededBy.join(', ')}</small>
                </li>
              ))}
            </ul>
            <div className="output">
              <code className="url" data-testid="scope-env">
                {scopesEnvLine(needs)}
              </code>
              <CopyButton getText={() => scopesEnvLine(needs)} />
            </div>
          </>
        ) : (
          <p>Select the endpoints your app calls.</p>
        )}
      </div>
    </section>
  );
}
