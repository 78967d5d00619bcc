/**
 * Token endpoint mechanics on oauth4webapi: request building (Basic client auth, form body), `redirect:
 * 'manual'`, timeouts, and response validation of 200 answers. Non-200 answers are mapped here, not by
 * oauth4webapi: Pinterest sends `{code, message}` bodies, not [RFC 6749](https://www.rfc-editor.org/rfc/rfc6749) `{error}` ones (see README).
 */
import * as oauth from 'oauth4webapi';
import type { ResolvedConfig } from './config.js';
import { isLoopbackHost } from './config.js';
import {
  NetworkError,
  ProtocolError,
  ReauthorizationRequiredError,
  TimeoutError,
  TokenRequestError,
} from './errors.js';
import { scrub } from './redact.js';

/** A validated 200 token response and the time its request was sent. */
export interface TokenResult {
  response: oauth.TokenEndpointResponse;
  /** When the request was sent (config clock): token lifetimes count from here. */
  sentAt: number;
}

type Grant = 'authorization_code' | 'refresh_token' | 'client_credentials' | 'revocation';

/** Whether an error is an abort caused by a timeout signal. */
export function isTimeout(error: unknown): boolean {
  const name = (error as { name?: string } | null)?.name;
  return name === 'TimeoutError' || name === 'AbortError';
}

/** Short, secret-free description of a network failure (`ECONNREFUSED`, `UND_ERR_SOCKET`, …). */
export function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  if (typeof cause?.code === 'string') return cause.code;
  const name = (error as { name?: unknown } | null)?.name;
  return typeof name === 'string' ? name : 'unknown error';
}

/**
 * `Authorization: Basic base64(app_id:app_secret)`, exactly as Pinterest documents it.
 *
 * Not oauth4webapi's `ClientSecretBasic`: that one form-urlencodes id and secret first ([RFC 6749 §2.3.1](https://www.rfc-editor.org/rfc/rfc6749#section-2.3.1) +
 * Appendix B turns `-` into `%2D`), which Pinterest does not decode, so any secret holding `-`, `.`, `_`, `~`,
 * `!`, `*`, `'`, `(`, `)` or a space would be refused with 401 code 2.
 */
export function pinterestBasicAuth(appSecret: string): oauth.ClientAuth {
  return (_as, client, _body, headers) => {
    const bytes = new TextEncoder().encode(`${client.client_id}:${appSecret}`);
    let binary = '';
    for (const byte of bytes) binary += String.fromCharCode(byte);
    headers.set('authorization', `Basic ${btoa(binary)}`);
  };
}

/** Talks to `POST /v5/oauth/token` (and `/revoke`). One instance per auth object. */
export class TokenEndpoint {
  readonly #config: ResolvedConfig;
  readonly #as: oauth.AuthorizationServer;
  readonly #client: oauth.Client;
  #clientAuth: oauth.ClientAuth | undefined;

  constructor(config: ResolvedConfig) {
    this.#config = config;
    this.#as = {
      issuer: config.oauthUrl,
      authorization_endpoint: config.authorizationEndpoint,
      token_endpoint: config.tokenEndpoint,
      revocation_endpoint: config.revocationEndpoint,
    };
    this.#client = { client_id: config.appId };
  }

  /** The secret only ever travels in the Basic header. Built lazily (token-only configs have no secret). */
  get #auth(): oauth.ClientAuth {
    this.#clientAuth ??= pinterestBasicAuth(this.#config.appSecret);
    return this.#clientAuth;
  }

  /** The oauth4webapi view of Pinterest's authorization server (used to validate callbacks). */
  get authorizationServer(): oauth.AuthorizationServer {
    return this.#as;
  }

  /** The oauth4webapi client metadata. */
  get client(): oauth.Client {
    return this.#client;
  }

  #options(signal: AbortSignal) {
    const url = new URL(this.#config.tokenEndpoint);
    const fetchImpl = this.#config.fetch;
    return {
      signal,
      // Only loopback hosts may use http (the mock, local tests); everything else must be https.
      [oauth.allowInsecureRequests]: url.protocol === 'http:' && isLoopbackHost(url.hostname),
      [oauth.customFetch]: (input: string, init: oauth.CustomFetchOptions<'POST', URLSearchParams>) =>
        fetchImpl(input, { ...init, redirect: 'manual' }),
    };
  }

  /** Exchange an authorization code (callback parameters validated by oauth4webapi) for tokens. */
  async exchangeCode(
    callbackParameters: URLSearchParams,
    redirectUri: string,
    secrets: string[],
  ): Promise<TokenResult> {
    return this.#send('authorization_code', secrets, async (signal) => {
      const response = await oauth.authorizationCodeGrantRequest(
        this.#as,
        this.#client,
        this.#auth,
        callbackParameters,
        redirectUri,
        oauth.nopkce, // Pinterest does not document PKCE; `state` is the CSRF defence.
        { ...this.#options(signal), additionalParameters: { continuous_refresh: 'true' } },
      );
      return [response, (r) => oauth.processAuthorizationCodeResponse(this.#as, this.#client, r)];
    });
  }

  /** Use a refresh token. A 400/401 answer becomes {@link ReauthorizationRequiredError}. */
  async refresh(refreshToken: string): Promise<TokenResult> {
    return this.#send('refresh_token', [refreshToken], async (signal) => {
      const response = await oauth.refreshTokenGrantRequest(
        this.#as,
        this.#client,
        this.#auth,
        refreshToken,
        this.#options(signal),
      );
      return [response, (r) => oauth.processRefreshTokenResponse(this.#as, this.#client, r)];
    });
  }

  /** Client credentials grant (acts as the app owner's account). */
  async clientCredentials(scopes: string[]): Promise<TokenResult> {
    return this.#send('client_credentials', [], async (signal) => {
      const response = await oauth.clientCredentialsGrantRequest(
        this.#as,
        this.#client,
        this.#auth,
        { scope: scopes.join(',') },
        this.#options(signal),
      );
      return [response, (r) => oauth.processClientCredentialsResponse(this.#as, this.#client, r)];
    });
  }

  /** Revoke a token (Pinterest only accepts this for system users). Throws on any failure. */
  async revoke(token: string, hint: 'access_token' | 'refresh_token'): Promise<void> {
    await this.#send('revocation', [token], async (signal) => {
      const response = await oauth.revocationRequest(this.#as, this.#client, this.#auth, token, {
        ...this.#options(signal),
        additionalParameters: { token_type_hint: hint },
      });
      return [
        response,
        async () => ({ access_token: '', token_type: 'bearer' }) as oauth.TokenEndpointResponse,
      ];
    });
  }

  async #send(
    grant: Grant,
    secrets: string[],
    request: (
      signal: AbortSignal,
    ) => Promise<[Response, (response: Response) => Promise<oauth.TokenEndpointResponse>]>,
  ): Promise<TokenResult> {
    const allSecrets = [...secrets, this.#config.appSecret];
    const sentAt = this.#config.now();
    const signal = AbortSignal.timeout(this.#config.timeoutMs);
    const what = grant === 'revocation' ? 'Token revocation' : `Token request (${grant})`;
    let response: Response;
    let process: (response: Response) => Promise<oauth.TokenEndpointResponse>;
    try {
      [response, process] = await request(signal);
    } catch (error) {
      throw this.#transportError(error, what);
    }
    const requestId = response.headers.get('x-pinterest-rid') ?? undefined;
    if (response.status >= 300 && response.status < 400) {
      await response.body?.cancel();
      throw new ProtocolError(
        `${what}: the token endpoint answered ${response.status} (a redirect); redirects are never followed on token requests.`,
        { status: response.status, hint: 'Check PINTEREST_API_URI: it must point at the API host itself.' },
      );
    }
    if (response.status !== 200) {
      throw await this.#errorFromBody(response, grant, what, requestId, allSecrets);
    }
    try {
      return { response: await process(response), sentAt };
    } catch (error) {
      if (isTimeout(error)) throw this.#transportError(error, what);
      // oauth4webapi's errors carry the parsed body (tokens!) in `cause`: keep only the message.
      const reason = error instanceof Error ? scrub(error.message, allSecrets) : 'invalid response';
      throw new ProtocolError(
        `${what}: the token endpoint's answer is not a valid token response: ${reason}.`,
        {
          status: response.status,
        },
      );
    }
  }

  #transportError(error: unknown, what: string): Error {
    if (isTimeout(error)) {
      return new TimeoutError(`${what} timed out after ${this.#config.timeoutMs} ms.`, {
        hint: 'Pinterest did not answer in time; try again later or raise timeoutMs.',
      });
    }
    return new NetworkError(
      `${what} failed: could not reach ${new URL(this.#config.tokenEndpoint).host} (${networkReason(error)}).`,
      {
        hint: 'Check the network connection and PINTEREST_API_URI.',
      },
    );
  }

  async #errorFromBody(
    response: Response,
    grant: Grant,
    what: string,
    requestId: string | undefined,
    secrets: string[],
  ): Promise<Error> {
    let pinterestCode: number | undefined;
    let message = '';
    try {
      const body = (await response.json()) as { code?: unknown; message?: unknown };
      if (typeof body.code === 'number') pinterestCode = body.code;
      if (typeof body.message === 'string') message = scrub(body.message, secrets).slice(0, 300);
    } catch {
      // Not JSON: the status alone has to do.
    }
    const detail = `${response.status}${pinterestCode === undefined ? '' : ` code ${pinterestCode}`}${message ? `: ${message}` : ''}`;
    const rid = requestId ? ` (x-pinterest-rid ${requestId})` : '';
    if (grant === 'refresh_token' && (response.status === 400 || response.status === 401)) {
      return new ReauthorizationRequiredError(
        'refresh_token_rejected',
        `Pinterest rejected the refresh token (${detail})${rid}; the stored tokens were deleted.`,
      );
    }
    let hint = 'Start the login again.';
    if (response.status === 401 && grant !== 'authorization_code') {
      hint = 'Check PINTEREST_APP_ID and PINTEREST_APP_SECRET (My apps → Manage).';
    } else if (response.status === 401) {
      hint =
        'The authorization code was rejected (already used, expired after ~10 minutes) or the App ID/secret is wrong: start the login again and check PINTEREST_APP_ID/PINTEREST_APP_SECRET.';
    } else if (response.status === 400) {
      hint = 'Check that PINTEREST_REDIRECT_URI is registered exactly under My apps → Configure.';
    } else if (response.status === 429) {
      hint = 'Rate limited: wait a minute before trying again.';
    } else if (response.status >= 500) {
      hint = 'Pinterest had a server error; try again later.';
    }
    const fields: { status: number; pinterestCode?: number; requestId?: string } = {
      status: response.status,
    };
    if (pinterestCode !== undefined) fields.pinterestCode = pinterestCode;
    if (requestId !== undefined) fields.requestId = requestId;
    return new TokenRequestError(`${what} failed: ${detail}${rid}.`, fields, { hint });
  }
}
