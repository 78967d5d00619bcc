/**
 * Redirect URI checker logic. Pinterest compares the `redirect_uri` a login sends with the URIs registered
 * in My apps → Configure → Redirect URIs byte for byte; this module gives the verdict, a character diff
 * against the closest registered URI, and the likely causes of a mismatch. Pure: nothing leaves the page.
 */

/** One piece of a character diff: kept, only in the sent URI (`added`), or only in the registered one. */
export interface DiffPart {
  type: 'same' | 'added' | 'removed';
  text: string;
}

/** A likely reason for a mismatch, with what to do about it. */
export interface MismatchCause {
  id:
    | 'whitespace'
    | 'trailing-slash'
    | 'scheme'
    | 'loopback-host'
    | 'host'
    | 'port'
    | 'encoding'
    | 'case'
    | 'path'
    | 'query'
    | 'fragment'
    | 'invalid-url'
    | 'nothing-registered';
  title: string;
  fix: string;
}

export interface RedirectCheck {
  /** `match`: Pinterest accepts it. `mismatch`: Pinterest rejects the login before the consent page. */
  verdict: 'match' | 'mismatch';
  /** The registered URI it matched, or the closest one when it did not. */
  closest: string | undefined;
  /** Character diff from the closest registered URI (`removed`) to the sent one (`added`). */
  diff: DiffPart[];
  causes: MismatchCause[];
  /** Advice that applies even to a match (http outside loopback, a fragment, …). */
  warnings: string[];
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
/** Long pastes would make the quadratic diff slow; real redirect URIs are far shorter. */
const MAX_LENGTH = 2000;

/** Splits the registered list as pasted: one URI per line; blank lines are ignored, spaces are kept. */
export function parseRegisteredList(text: string): string[] {
  return text.split(/\r?\n/).filter((line) => line.trim() !== '');
}

/**
 * Checks `sent` (the `redirect_uri` your app puts in the consent URL and the token request) against the
 * registered URIs, exactly as Pinterest does: byte for byte.
 */
export function checkRedirectUri(sent: string, registered: readonly string[]): RedirectCheck {
  const warnings = warningsFor(sent);
  if (registered.includes(sent)) {
    return { verdict: 'match', closest: sent, diff: [{ type: 'same', text: sent }], causes: [], warnings };
  }
  if (registered.length === 0) {
    return {
      verdict: 'mismatch',
      closest: undefined,
      diff: sent ? [{ type: 'added', text: sent }] : [],
      causes: [
        {
          id: 'nothing-registered',
          title: 'No redirect URI is registered',
          fix: 'Add this URI in My apps → your app → Configure → Redirect URIs, then press Add.',
        },
      ],
      warnings,
    };
  }
  const closest = closestOf(sent, registered);
  return {
    verdict: 'mismatch',
    closest,
    diff: diffChars(closest, sent),
    causes: causesOf(sent, closest),
    warnings,
  };
}

function closestOf(sent: string, registered: readonly string[]): string {
  let best = registered[0] ?? '';
  let bestScore = Number.POSITIVE_INFINITY;
  for (const candidate of registered) {
    // Compare normalised forms first so `HTTP://LOCALHOST:3000/x/` still finds `http://localhost:3000/x`.
    const score =
      editDistance(normalise(sent), normalise(candidate)) * 1000 +
      editDistance(sent.trim(), candidate.trim());
    if (score < bestScore) {
      bestScore = score;
      best = candidate;
    }
  }
  return best;
}

function normalise(uri: string): string {
  let text = uri.trim().toLowerCase();
  try {
    text = decodeURIComponent(text);
  } catch {
    // Malformed escapes: keep the raw text.
  }
  return text.replace(/\/+$/, '').replace('://127.0.0.1', '://localhost').replace('://[::1]', '://localhost');
}

/** Levenshtein distance, two rows at a time. */
export function editDistance(a: string, b: string): number {
  const x = a.slice(0, MAX_LENGTH);
  const y = b.slice(0, MAX_LENGTH);
  let previous = Array.from({ length: y.length + 1 }, (_, i) => i);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[y.length] ?? 0;
}

/** Character diff (longest common subsequence) turning `from` into `to`; adjacent parts are merged. */
export function diffChars(from: string, to: string): DiffPart[] {
  const a = from.slice(0, MAX_LENGTH);
  const b = to.slice(0, MAX_LENGTH);
  const rows = a.length + 1;
  const cols = b.length + 1;
  const lcs = new Uint16Array(rows * cols);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i * cols + j] =
        a[i] === b[j]
          ? (lcs[(i + 1) * cols + j + 1] ?? 0) + 1
          : Math.max(lcs[(i + 1) * cols + j] ?? 0, lcs[i * cols + j + 1] ?? 0);
    }
  }
  const parts: DiffPart[] = [];
  const push = (type: DiffPart['type'], text: string) => {
    const last = parts[parts.length - 1];
    if (last && last.type === type) last.text += text;
    else parts.push({ type, text });
  };
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      push('same', a[i] ?? '');
      i++;
      j++;
    } else if ((lcs[(i + 1) * cols + j] ?? 0) >= (lcs[i * cols + j + 1] ?? 0)) {
      push('removed', a[i] ?? '');
      i++;
    } else {
      push('added', b[j] ?? '');
      j++;
    }
  }
  if (i < a.length) push('removed', a.slice(i));
  if (j < b.length) push('added', b.slice(j));
  return parts;
}

interface UriParts {
  scheme: string;
  host: string;
  port: string;
  path: string;
  query: string;
  fragment: string;
}

/** Splits a URI textually (not with `URL`, which would normalise away the very differences we look for). */
function splitUri(uri: string): UriParts | undefined {
  const match =
    /^([A-Za-z][A-Za-z0-9+.-]*):\/\/(\[[^\]]*\]|[^/:?#]*)(?::(\d*))?([^?#]*)(\?[^#]*)?(#.*)?$/s.exec(uri);
  if (!match) return undefined;
  return {
    scheme: match[1] ?? '',
    host: match[2] ?? '',
    port: match[3] ?? '',
    path: match[4] ?? '',
    query: match[5] ?? '',
    fragment: match[6] ?? '',
  };
}

function defaultPort(scheme: string): string {
  return scheme.toLowerCase() === 'https' ? '443' : scheme.toLowerCase() === 'http' ? '80' : '';
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function causesOf(sent: string, registered: string): MismatchCause[] {
  const causes: MismatchCause[] = [];
  const add = (cause: MismatchCause) => causes.push(cause);

  if (sent !== sent.trim() || registered !== registered.trim() || /\s/.test(sent.trim())) {
    add({
      id: 'whitespace',
      title: 'Whitespace around or inside the URI',
      fix: 'A space, tab or line break was copied along with the URI (often from an .env file or a YAML value). Trim it where the value is set.',
    });
  }
  const s = sent.trim();
  const r = registered.trim();
  if (s !== r && (safeDecode(s) === r || safeDecode(safeDecode(s)) === r)) {
    add({
      id: 'encoding',
      title: 'The sent URI is percent-encoded one time too many',
      fix: 'Your app encodes the URI before putting it in the consent URL, which encodes it again. Pass the plain URI to the URL builder (URLSearchParams encodes it once).',
    });
  } else if (s !== r && safeDecode(s) === safeDecode(r)) {
    add({
      id: 'encoding',
      title: 'Percent-encoding differs',
      fix: 'The same characters are written with %XX escapes in one URI and literally in the other. Register and send exactly the same spelling.',
    });
  }
  const a = splitUri(s);
  const b = splitUri(r);
  if (!a || !b) {
    if (!a && !causes.some((c) => c.id === 'encoding')) {
      add({
        id: 'invalid-url',
        title: 'Not an absolute URL',
        fix: 'A redirect URI must be absolute: scheme, host, optional port and path, e.g. http://localhost:3000/auth/callback.',
      });
    }
    return causes;
  }
  if (a.scheme !== b.scheme) {
    const onlyCase = a.scheme.toLowerCase() === b.scheme.toLowerCase();
    add(
      onlyCase
        ? {
            id: 'case',
            title: 'The scheme is written in a different case',
            fix: 'Write the scheme in lower case in both places.',
          }
        : {
            id: 'scheme',
            title: `${a.scheme}:// is sent but ${b.scheme}:// is registered`,
            fix: 'Behind a proxy or load balancer the app may see http while users see https. Configure the redirect URI as one fixed absolute URL rather than building it from the request.',
          },
    );
  }
  const hostA = a.host.toLowerCase();
  const hostB = b.host.toLowerCase();
  if (hostA !== hostB && LOOPBACK_HOSTS.has(hostA) && LOOPBACK_HOSTS.has(hostB)) {
    add({
      id: 'loopback-host',
      title: `${a.host} is sent but ${b.host} is registered`,
      fix: 'localhost, 127.0.0.1 and [::1] reach the same machine but are different strings to Pinterest. Use the same spelling everywhere (the templates use localhost), or register both.',
    });
  } else if (hostA !== hostB) {
    add({
      id: 'host',
      title: `Host ${a.host || '(empty)'} is sent but ${b.host || '(empty)'} is registered`,
      fix: 'Check the domain (www. or not, staging vs production) and register every host you deploy to.',
    });
  } else if (a.host !== b.host) {
    add({
      id: 'case',
      title: 'The host is written in a different case',
      fix: 'Pinterest compares the characters exactly: write the host in lower case in both places.',
    });
  }
  if (a.port !== b.port) {
    const explicitDefault =
      (a.port === '' && b.port === defaultPort(b.scheme)) ||
      (b.port === '' && a.port === defaultPort(a.scheme));
    add({
      id: 'port',
      title: `Port ${a.port || '(none)'} is sent but ${b.port || '(none)'} is registered`,
      fix: explicitDefault
        ? 'A default port written out (:443 or :80) is still a different string. Leave it out in both places.'
        : 'The app listens on a different port than the registered URI says (a dev server that picked the next free port, or PORT set differently). Fix the port or register this one too.',
    });
  }
  const pathA = a.path;
  const pathB = b.path;
  if (pathA !== pathB) {
    if (pathA.replace(/\/+$/, '') === pathB.replace(/\/+$/, '')) {
      add({
        id: 'trailing-slash',
        title: pathA.endsWith('/')
          ? 'The sent URI has a trailing slash'
          : 'The registered URI has a trailing slash',
        fix: 'A trailing slash makes it a different URI. Make both end the same way: http://localhost:8085/ (the script template) keeps its slash, /auth/callback has none.',
      });
    } else if (pathA.toLowerCase() === pathB.toLowerCase()) {
      add({
        id: 'case',
        title: 'The path is written in a different case',
        fix: 'Paths are case-sensitive: /auth/Callback and /auth/callback are different URIs.',
      });
    } else if (safeDecode(pathA) !== safeDecode(pathB)) {
      add({
        id: 'path',
        title: `Path ${pathA || '(empty)'} is sent but ${pathB || '(empty)'} is registered`,
        fix: 'The callback route differs. Register the path your app really handles (e.g. /auth/callback).',
      });
    }
  }
  if (a.query !== b.query) {
    add({
      id: 'query',
      title: 'The query strings differ',
      fix: 'Keep per-login data in the state parameter, not in the redirect URI: the URI must stay identical on every login.',
    });
  }
  if (a.fragment || b.fragment) {
    add({
      id: 'fragment',
      title: 'A #fragment is part of the URI',
      fix: 'Redirect URIs must not contain a fragment (RFC 6749 §3.1.2). Remove everything from # on.',
    });
  }
  return dedupe(causes);
}

function dedupe(causes: MismatchCause[]): MismatchCause[] {
  const seen = new Set<string>();
  return causes.filter((c) => {
    const key = `${c.id}:${c.title}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function warningsFor(sent: string): string[] {
  const parts = splitUri(sent.trim());
  if (!parts) return [];
  const warnings: string[] = [];
  if (parts.scheme.toLowerCase() === 'http' && !LOOPBACK_HOSTS.has(parts.host.toLowerCase())) {
    warnings.push('http:// is only for local development on localhost; use https:// for any other host.');
  }
  if (parts.fragment) warnings.push('Remove the #fragment: redirect URIs must not contain one.');
  return warnings;
}
