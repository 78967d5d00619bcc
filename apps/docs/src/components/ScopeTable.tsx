import { SCOPES, SPEC_VERSION } from 'virtual:pinterest-scopes';

/** The 19 scopes from the spec's securitySchemes, with what each grants in our own words. */
export function ScopeTable() {
  return (
    <>
      <p>
        The scopes of <code>components.securitySchemes.pinterest_oauth2</code> in Pinterest’s OpenAPI
        description, release {SPEC_VERSION} ({SCOPES.length} scopes), each explained in our words.
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
