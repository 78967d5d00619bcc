import { useId, useState } from 'react';
import { checkRedirectUri, parseRegisteredList } from '../../tools/redirect-check.ts';
import { Field } from './Field.tsx';

export interface RedirectUriCheckerProps {
  /** Pre-filled values (the examples on the page use them). */
  registered?: string;
  sent?: string;
}

/** Compares the redirect URI an app sends with the registered ones, as Pinterest does: byte for byte. */
export function RedirectUriChecker(props: RedirectUriCheckerProps) {
  const id = useId();
  const [registered, setRegistered] = useState(props.registered ?? 'http://localhost:3000/auth/callback');
  const [sent, setSent] = useState(props.sent ?? 'http://localhost:3000/auth/callback/');
  const list = parseRegisteredList(registered);
  const result = sent === '' ? undefined : checkRedirectUri(sent, list);
  return (
    <section className="tool" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="visually-hidden">
        Redirect URI checker
      </h2>
      <Field
        id={`${id}-registered`}
        label="Registered redirect URIs"
        hint="One per line, as listed in My apps → your app → Configure → Redirect URIs."
        value={registered}
        multiline
        spellCheck={false}
        onChange={setRegistered}
      />
      <Field
        id={`${id}-sent`}
        label="Redirect URI your app sends"
        hint={
          <>
            The <code>redirect_uri</code> in your consent URL (and token request), decoded, e.g. from{' '}
            <code>PINTEREST_REDIRECT_URI</code>.
          </>
        }
        value={sent}
        spellCheck={false}
        onChange={setSent}
      />
      <div role="status" aria-live="polite" data-testid="redirect-result">
        {result ? (
          <>
            <p
              className={`verdict ${result.verdict === 'match' ? 'verdict-ok' : 'verdict-bad'}`}
              data-verdict={result.verdict}
            >
              {result.verdict === 'match'
                ? '✓ Exact match: Pinterest will accept this redirect URI.'
                : '✗ No exact match: Pinterest will refuse this login before showing the consent page.'}
            </p>
            {result.verdict === 'mismatch' && result.closest !== undefined ? (
              <>
                <p className="diff-legend">
                  Closest registered URI, character by character (<del>struck</del> = only registered,{' '}
                  <ins>underlined</ins> = only sent):
                </p>
                <p className="diff" data-testid="redirect-diff">
                  {result.diff.map((part, i) =>
                    part.type === 'same' ? (
                      // biome-ignore lint/suspicious/noArrayIndexKey: the diff is recomputed whole on each change
                      <span key={i}>{part.text}</span>
                    ) : part.type === 'added' ? (
                      // biome-ignore lint/suspicious/noArrayIndexKey: the diff is recomputed whole on each change
                      <ins key={i}>{visible(part.text)}</ins>
                    ) : (
                      // biome-ignore lint/suspicious/noArrayIndexKey: the diff is recomputed whole on each change
                      <del key={i}>{visible(part.text)}</del>
                    ),
                  )}
                </p>
              </>
            ) : null}
            {result.causes.length > 0 ? (
              <>
                <h3>Likely cause{result.causes.length > 1 ? 's' : ''}</h3>
                <ul data-testid="redirect-causes">
                  {result.causes.map((cause) => (
                    <li key={`${cause.id}-${cause.title}`} data-cause={cause.id}>
                      <strong>{cause.title}.</strong> {cause.fix}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            {result.warnings.length > 0 ? (
              <ul className="warnings">
                {result.warnings.map((w) => (
                  <li key={w}>{w}</li>
                ))}
              </ul>
            ) : null}
          </>
        ) : (
          <p>Enter the redirect URI your app sends.</p>
        )}
      </div>
    </section>
  );
}

/** Makes whitespace differences visible in the diff. */
function visible(text: string): string {
  return text.replace(/ /g, '␠').replace(/\t/g, '⇥').replace(/\n/g, '↵');
}
