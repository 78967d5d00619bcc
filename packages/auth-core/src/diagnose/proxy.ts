/**
 * Proxy environment variables (`HTTPS_PROXY`, `HTTP_PROXY`, `NO_PROXY`, either case) and whether Node's `fetch`
 * follows them: only with `NODE_USE_ENV_PROXY=1` on Node 22.21+ or 24.5+; older versions ignore them.
 *
 * @module
 */

/** The proxy that applies to `url`, without its credentials, or `undefined`. */
export function proxyFor(url: URL, env: Record<string, string | undefined>): string | undefined {
  const read = (name: string) => env[name] ?? env[name.toLowerCase()];
  const proxy = url.protocol === 'https:' ? read('HTTPS_PROXY') : read('HTTP_PROXY');
  if (!proxy) return undefined;
  const noProxy = (read('NO_PROXY') ?? '')
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((entry) => entry.toLowerCase());
  const host = url.hostname.toLowerCase();
  for (const entry of noProxy) {
    if (entry === '*') return undefined;
    const bare = entry.replace(/^\*?\./, '').replace(/:\d+$/, '');
    if (host === bare || host.endsWith(`.${bare}`)) return undefined;
  }
  try {
    const parsed = new URL(proxy);
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return proxy.replace(/\/\/[^@/]*@/, '//');
  }
}

/** Whether this Node's global `fetch` sends requests through the proxy variables. */
export function fetchFollowsProxyVariables(
  env: Record<string, string | undefined>,
  version = process.versions.node,
): boolean {
  if (env.NODE_USE_ENV_PROXY !== '1' && !/--use-env-proxy/.test(env.NODE_OPTIONS ?? '')) return false;
  const [major = 0, minor = 0] = version.split('.').map(Number);
  return major >= 25 || (major === 24 && minor >= 5) || (major === 22 && minor >= 21);
}
