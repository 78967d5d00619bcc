import { SCOPES, SPEC_VERSION } from 'virtual:pinterest-scopes';

/** The 19 scopes and their meanings, straight from openapi-v5.json's securitySchemes. */
export function ScopeTable() {
  return (
    <>
      <p>
        From <code>components.securitySchemes.pinterest_oauth2</code> of Pinterest’s OpenAPI description,
        release {SPEC_VERSION} ({SCOPES.length} scopes).
      </p>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a table wider than the screen scrolls; keyboard users need to reach it */}
      <div className="table-wrap" tabIndex={0}>
        <table>
          <thead>
            <tr>
              <th scope="col">Scope</th>
              <th scope="col">What it grants</th>
            </tr>
          </thead>
          <tbody>
            {SCOPES.map((s) => (
              <tr key={s.name} id={`scope-${s.name.replace(':', '-')}`}>
                <td>
                  <code>{s.name}</code>
                </td>
                <td>{s.description}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
