/**
 * One resource group of the generated Pinterest API reference (data from plugins/api-spec.ts through
 * `virtual:pinterest-api/<group>`): per operation its method and path, scopes, rate-limit category,
 * sandbox availability, parameters, body and response fields, and the typed `@kit/auth-core` call.
 */
import type { ApiField, ApiGroupData, ApiOperation } from '../../plugins/api-spec.ts';
import type { PageHeading } from '../lib/slug.ts';
import { Link } from '../router.tsx';
import { CopyButton } from './CodeBlock.tsx';
import { External } from './External.tsx';
import { Heading } from './Heading.tsx';

/** The page's "On this page": one h2 per spec tag, one h3 per operation. */
export function apiGroupHeadings(group: ApiGroupData): PageHeading[] {
  return group.tags.flatMap((tag) => [
    { depth: 2, id: tag.anchor, text: tag.title },
    ...tag.operations.map((op) => ({ depth: 3, id: op.anchor, text: op.title })),
  ]);
}

function FieldTable({ caption, fields }: { caption: string; fields: ApiField[] }) {
  if (fields.length === 0) return null;
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a table wider than the screen scrolls; keyboard users need to reach it
    <div className="table-wrap" tabIndex={0}>
      <table className="api-fields">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Type</th>
            <th scope="col">Notes</th>
          </tr>
        </thead>
        <tbody>
          {fields.map((f) => (
            <tr key={`${f.in}-${f.name}`}>
              <td>
                <code>{f.name}</code>
                {f.required ? <span className="api-required"> required</span> : null}
                {f.in === 'path' || f.in === 'query' ? <span className="api-in"> {f.in}</span> : null}
              </td>
              <td>
                <code>{f.type}</code>
              </td>
              <td>{f.notes}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function authText(op: ApiOperation): string {
  if (op.auth.includes('basic')) return 'Basic (App ID and secret), no user token';
  const kinds = ['a user token (OAuth)'];
  if (op.auth.includes('client_credentials')) kinds.push('a client-credentials token');
  return kinds.join(' or ');
}

function Operation({ op }: { op: ApiOperation }) {
  return (
    <section className="api-op" data-operation={op.operationId}>
      <Heading level={3} id={op.anchor}>
        {op.title}
      </Heading>
      <p className="api-route">
        <span className="method">{op.method}</span> <code>/v5{op.path}</code>
      </p>
      <dl className="facts">
        <dt>Scopes</dt>
        <dd>
          {op.scopes.length > 0
            ? op.scopes.map((s, i) => (
                <span key={s}>
                  {i > 0 ? ' + ' : ''}
                  <code>{s}</code>
                </span>
              ))
            : 'none'}
        </dd>
        <dt>Token</dt>
        <dd>{authText(op)}</dd>
        <dt>Rate-limit category</dt>
        <dd>{op.category ? <code>{op.category}</code> : 'not stated'}</dd>
        <dt>Sandbox</dt>
        <dd>
          {op.sandbox === 'enabled'
            ? 'served by api-sandbox.pinterest.com too'
            : op.sandbox === 'disabled'
              ? 'production only'
              : 'not stated'}
        </dd>
        <dt>Success</dt>
        <dd>
          {op.response ? (
            <>
              {op.response.status} <code>{op.response.schema}</code>
            </>
          ) : (
            'not stated'
          )}
        </dd>
      </dl>
      <div className="code-block">
        <div className="code-toolbar">
          <span className="code-lang">@kit/auth-core</span>
          <CopyButton getText={() => op.call} />
        </div>
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling code block must be reachable by keyboard */}
        <pre tabIndex={0} data-lang="ts">
          {/* biome-ignore lint/security/noDangerouslySetInnerHtml: escaped and highlighted at build time */}
          <code dangerouslySetInnerHTML={{ __html: op.callHtml }} />
        </pre>
      </div>
      <FieldTable caption="Parameters" fields={op.parameters} />
      {op.body ? (
        <FieldTable
          caption={`Body: ${op.body.schema} (${op.body.contentType}${op.body.required ? ', required' : ''})`}
          fields={op.body.fields}
        />
      ) : null}
      {op.response ? (
        <FieldTable
          caption={op.response.paged ? 'Response: fields of each item (with bookmark)' : 'Response fields'}
          fields={op.response.fields}
        />
      ) : null}
    </section>
  );
}

export function ApiGroup({ group }: { group: ApiGroupData }) {
  const count = group.tags.reduce((n, t) => n + t.operations.length, 0);
  return (
    <div className="api-group" data-testid="api-group" data-count={count}>
      <p>
        {count} operations, generated from Pinterest’s OpenAPI description {group.specVersion} when this site
        was built. Each call uses <code>client</code>, the API client of <code>@kit/auth-core</code>, which
        adds the <code>/v5</code> base. What each scope grants is in the{' '}
        <Link href="/reference/scopes/">scope list</Link>; Pinterest’s own{' '}
        <External to="apiReference">API reference</External> describes each operation in its words.
      </p>
      {group.tags.map((tag) => (
        <section key={tag.tag} className="api-tag">
          <Heading level={2} id={tag.anchor}>
            {tag.title}
          </Heading>
          {tag.operations.map((op) => (
            <Operation key={op.operationId} op={op} />
          ))}
        </section>
      ))}
    </div>
  );
}
