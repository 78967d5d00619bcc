/**
 * The typed v5 API client: one method per HTTP method, paths and their options checked by the compiler
 * against the types generated from Pinterest's OpenAPI description, and `paginate` for bookmark lists.
 *
 * @module
 */
import { type ApiContext, apiRequest } from './api-request.js';
import type {
  CallOptions,
  ListItem,
  ListPath,
  OptionsArg,
  PaginateArg,
  PathsWith,
  ResponseBody,
} from './api-types.js';
import { assertArgument } from './assert.js';

/** Pinterest's largest page: what `paginate` asks for unless told otherwise. */
export const MAX_PAGE_SIZE = 250;

/**
 * A typed client for Pinterest API v5, from `auth.client()`. Paths are the spec's path templates without the
 * `/v5` prefix; path parameters, query and body go in the options:
 *
 * ```ts
 * const pins = await client.get('/boards/{board_id}/pins', { path: { board_id }, query: { page_size: 50 } });
 * const pin = await client.post('/pins', { body: { board_id, media_source: { source_type: 'image_url', url } } });
 * ```
 *
 * Underneath every call: the scope check (a `MissingScopeError` before any request when the stored token
 * lacks a scope the operation needs), the token (refreshed ahead of expiry, and once after a 401 code 2),
 * rate-limit pacing per category, a timeout, retries (429 after `X-RateLimit-Reset` seconds; 5xx, network
 * errors and timeouts for idempotent methods only) and {@link PinterestApiError}s for every failure.
 */
export interface PinterestClient {
  /** `GET` an operation's answer. */
  get<P extends PathsWith<'get'>>(path: P, ...options: OptionsArg<P, 'get'>): Promise<ResponseBody<P, 'get'>>;
  /** `POST` a JSON body (not retried on 5xx/network errors: not idempotent). */
  post<P extends PathsWith<'post'>>(
    path: P,
    ...options: OptionsArg<P, 'post'>
  ): Promise<ResponseBody<P, 'post'>>;
  /** `PATCH` a JSON body (not retried on 5xx/network errors). */
  patch<P extends PathsWith<'patch'>>(
    path: P,
    ...options: OptionsArg<P, 'patch'>
  ): Promise<ResponseBody<P, 'patch'>>;
  /** `PUT` a JSON body. */
  put<P extends PathsWith<'put'>>(path: P, ...options: OptionsArg<P, 'put'>): Promise<ResponseBody<P, 'put'>>;
  /** `DELETE` a resource. */
  delete<P extends PathsWith<'delete'>>(
    path: P,
    ...options: OptionsArg<P, 'delete'>
  ): Promise<ResponseBody<P, 'delete'>>;
  /**
   * Every item of a bookmark-paginated list, fetching pages lazily at `page_size` 250 (Pinterest's largest)
   * unless `query.page_size` says otherwise. Only list operations (a `bookmark` parameter and an `items` answer)
   * are accepted.
   *
   * @example
   * ```ts
   * for await (const pin of client.paginate('/boards/{board_id}/pins', { path: { board_id } })) console.log(pin.id);
   * ```
   */
  paginate<P extends ListPath>(path: P, ...options: PaginateArg<P>): AsyncIterable<ListItem<P>>;
}

interface LooseOptions extends CallOptions {
  path?: Record<string, unknown>;
  query?: Record<string, unknown>;
  body?: unknown;
}

function assertOptions(options: unknown, method: string, path: unknown): asserts options is LooseOptions {
  assertArgument(
    options === undefined || (typeof options === 'object' && options !== null && !Array.isArray(options)),
    `the options of ${method} ${String(path)}`,
    'an object ({ path?, query?, body?, signal? })',
  );
  const { signal } = (options ?? {}) as LooseOptions;
  assertArgument(signal === undefined || signal instanceof AbortSignal, 'options.signal', 'an AbortSignal');
}

/** Build a {@link PinterestClient} over a token provider (internal; use `auth.client()`). */
export function clientFor(context: ApiContext): PinterestClient {
  const call = (method: string, path: string, options: unknown) => {
    assertOptions(options, method, path);
    return apiRequest<never>(context, {
      method,
      path,
      params: options?.path,
      query: options?.query,
      body: options?.body,
      signal: options?.signal,
    });
  };
  return {
    get: (path, ...options) => call('GET', path, options[0]),
    post: (path, ...options) => call('POST', path, options[0]),
    patch: (path, ...options) => call('PATCH', path, options[0]),
    put: (path, ...options) => call('PUT', path, options[0]),
    delete: (path, ...options) => call('DELETE', path, options[0]),
    async *paginate(path, ...rest) {
      const options = rest[0] as LooseOptions | undefined;
      assertOptions(options, 'GET', path);
      let bookmark: string | null = null;
      const seen = new Set<string>();
      do {
        const query: Record<string, unknown> = { page_size: MAX_PAGE_SIZE, ...options?.query };
        if (bookmark) query.bookmark = bookmark;
        const page = (await apiRequest<{ items?: unknown[]; bookmark?: string | null }>(context, {
          method: 'GET',
          path,
          params: options?.path,
          query,
          signal: options?.signal,
        })) ?? { items: [] };
        yield* (page.items ?? []) as never[];
        bookmark = page.bookmark ?? null;
        // A bookmark seen before would loop forever: stop instead.
        if (bookmark !== null && seen.has(bookmark)) break;
        if (bookmark !== null) seen.add(bookmark);
      } while (bookmark !== null);
    },
  };
}
