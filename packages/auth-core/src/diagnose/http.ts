/**
 * The doctor's one way to ask Pinterest something: a bounded request that never throws, and names a failed
 * connection the way a human would look for it (DNS, refused, TLS, timeout).
 *
 * @module
 */

/** What came back, or why nothing did. */
export type Answer =
  | {
      ok: true;
      status: number;
      headers: Headers;
      /** Parsed JSON body, or `undefined` when the body is not JSON. */
      json: unknown;
      text: string;
      /** Local time (epoch ms) halfway between sending and the response headers. */
      midpoint: number;
    }
  | { ok: false; problem: ConnectionProblem; code: string; message: string };

/** Why no HTTP answer arrived. */
export type ConnectionProblem = 'dns' | 'refused' | 'tls' | 'timeout' | 'network';

const TLS_CODES = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/i;

/** Classify a `fetch` rejection by the code Node puts on its cause. */
export function connectionProblem(error: unknown): { problem: ConnectionProblem; code: string } {
  let cause: unknown = error;
  let code = '';
  for (let depth = 0; cause && depth < 4; depth += 1) {
    const candidate = (cause as { code?: unknown }).code;
    if (typeof candidate === 'string') code = candidate;
    cause = (cause as { cause?: unknown }).cause;
  }
  const name = (error as { name?: string } | null)?.name;
  if (name === 'TimeoutError' || name === 'AbortError' || code === 'UND_ERR_CONNECT_TIMEOUT')
    return { problem: 'timeout', code: code || 'TIMEOUT' };
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return { problem: 'dns', code };
  if (code === 'ECONNREFUSED') return { problem: 'refused', code };
  if (TLS_CODES.test(code)) return { problem: 'tls', code };
  return { problem: 'network', code: code || 'NETWORK_ERROR' };
}

/** Send one request with a timeout; resolves with the answer or the connection problem, never rejects. */
export async function ask(
  fetchImpl: typeof fetch,
  url: string,
  init: RequestInit,
  timeoutMs: number,
  now: () => number,
): Promise<Answer> {
  const sent = now();
  try {
    const response = await fetchImpl(url, {
      ...init,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    const midpoint = Math.round((sent + now()) / 2);
    const text = await response.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { ok: true, status: response.status, headers: response.headers, json, text, midpoint };
  } catch (error) {
    const { problem, code } = connectionProblem(error);
    return { ok: false, problem, code, message: (error as Error).message };
  }
}

/** Pinterest's `{code, message}` error body, when the answer has one. */
export function pinterestError(json: unknown): { code?: number; message?: string } {
  if (!json || typeof json !== 'object') return {};
  const { code, message } = json as { code?: unknown; message?: unknown };
  return {
    ...(typeof code === 'number' ? { code } : {}),
    ...(typeof message === 'string' ? { message } : {}),
  };
}

/** `HTTP 401 code 2` — how the docs and Pinterest name an answer. */
export function describeStatus(status: number, json: unknown): string {
  const { code } = pinterestError(json);
  return code === undefined ? `HTTP ${status}` : `HTTP ${status} code ${code}`;
}
