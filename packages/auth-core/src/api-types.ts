/**
 * Type-level view of Pinterest API v5, computed from the types openapi-typescript generates from the spec
 * (`src/generated/pinterest-api.ts`): which paths each method accepts, the options a call needs (path, query,
 * body), what it answers, and which operations are bookmark-paginated lists.
 *
 * @module
 */
import type { components, operations, paths } from './generated/pinterest-api.js';

/** Every v5 path template (relative to the v5 base, e.g. `/boards/{board_id}/pins`), with its operations. */
export type PinterestPaths = paths;
/** Every schema of the spec by name: `PinterestSchemas['Pin']`, `PinterestSchemas['Board']`, … */
export type PinterestSchemas = components['schemas'];
/** Every operation by its `operationId`: `PinterestOperations['pins/create']`, … */
export type PinterestOperations = operations;

/** The HTTP methods of the v5 API. */
export type HttpMethod = 'get' | 'post' | 'patch' | 'put' | 'delete';

/** The paths that have an operation for method `M`. */
export type PathsWith<M extends HttpMethod> = {
  [P in keyof paths]: paths[P][M] extends { responses: unknown } ? P : never;
}[keyof paths];

/** The operation object of `M P`. */
export type Operation<P extends keyof paths, M extends HttpMethod> = Extract<
  paths[P][M],
  { responses: unknown }
>;

type Params<Op> = Op extends { parameters: infer X } ? X : Record<string, never>;
type Part<X, K extends string> =
  X extends Record<K, infer V> ? V : X extends Partial<Record<K, infer V>> ? V : never;
type Defined<V> = Exclude<V, undefined>;
type RequiredKeys<T> = { [K in keyof T]-?: Record<string, never> extends Pick<T, K> ? never : K }[keyof T];

/** The path parameters of an operation (`never` when it has none). */
export type PathParamsOf<Op> = Defined<Part<Params<Op>, 'path'>>;
/** The query parameters of an operation (`never` when it has none). */
export type QueryOf<Op> = Defined<Part<Params<Op>, 'query'>>;
/** The JSON (or form) body of an operation (`never` when it takes none). */
export type BodyOf<Op> = Op extends { requestBody?: infer B }
  ? Defined<B> extends { content: infer C }
    ? C extends { 'application/json': infer J }
      ? J
      : C[keyof C]
    : never
  : never;
type BodyRequired<Op> = Op extends { requestBody: { content: unknown } } ? true : false;

type SuccessStatus = 200 | 201 | 202 | 204;
/** What a successful call of the operation answers (`undefined` for 204 No Content). */
export type ResponseOf<Op> = Op extends { responses: infer R }
  ? {
      [S in keyof R & SuccessStatus]: R[S] extends { content: infer C }
        ? C extends { 'application/json': infer J }
          ? J
          : Defined<C> extends never
            ? undefined
            : Defined<C>[keyof Defined<C>]
        : undefined;
    }[keyof R & SuccessStatus]
  : never;

type PathOption<Op> = [PathParamsOf<Op>] extends [never]
  ? { path?: never }
  : { path: { [K in keyof PathParamsOf<Op>]: PathParamsOf<Op>[K] | number } };
type QueryOption<Op> = [QueryOf<Op>] extends [never]
  ? { query?: never }
  : [RequiredKeys<QueryOf<Op>>] extends [never]
    ? { query?: QueryOf<Op> }
    : { query: QueryOf<Op> };
type BodyOption<Op> = [BodyOf<Op>] extends [never]
  ? { body?: never }
  : BodyRequired<Op> extends true
    ? { body: BodyOf<Op> }
    : { body?: BodyOf<Op> };

/** Options of every call: abort it with `signal`. */
export interface CallOptions {
  /** Cancels the call (and its retries and waits); the promise rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** The options of a call of `M P`: `path` (its parameters), `query`, `body` as the spec defines them. */
export type RequestOptions<P extends keyof paths, M extends HttpMethod> = PathOption<Operation<P, M>> &
  QueryOption<Operation<P, M>> &
  BodyOption<Operation<P, M>> &
  CallOptions;

type NeedsOptions<Op> = [PathParamsOf<Op>] extends [never]
  ? BodyRequired<Op> extends true
    ? true
    : [QueryOf<Op>] extends [never]
      ? false
      : [RequiredKeys<QueryOf<Op>>] extends [never]
        ? false
        : true
  : true;

/** True for a union of several types (e.g. when a path is not one of the spec's, and `P` falls back to all). */
type IsUnion<T, U = T> = T extends unknown ? ([U] extends [T] ? false : true) : never;

/**
 * The rest parameters of a call: the options are required exactly when the operation has required inputs.
 * (Optional while `P` is not a single path, so that a path not in the spec is reported as such.)
 */
export type OptionsArg<P extends keyof paths, M extends HttpMethod> =
  true extends IsUnion<P>
    ? [options?: RequestOptions<P, M>]
    : NeedsOptions<Operation<P, M>> extends true
      ? [options: RequestOptions<P, M>]
      : [options?: RequestOptions<P, M>];

/** What `M P` answers. */
export type ResponseBody<P extends keyof paths, M extends HttpMethod> = ResponseOf<Operation<P, M>>;

type ItemsOf<R> = R extends { items?: infer I }
  ? Defined<I> extends readonly (infer E)[]
    ? E
    : never
  : never;

/**
 * The bookmark-paginated list operations: `GET` paths that take a `bookmark` query parameter and answer
 * `{ items, bookmark }`. Only these can be walked with `paginate`.
 */
export type ListPath = {
  [P in PathsWith<'get'>]: 'bookmark' extends keyof QueryOf<Operation<P, 'get'>>
    ? [ItemsOf<ResponseBody<P, 'get'>>] extends [never]
      ? never
      : P
    : never;
}[PathsWith<'get'>];

/** The item type of a list operation (`PinterestSchemas['Pin']` for `/boards/{board_id}/pins`). */
export type ListItem<P extends ListPath> = ItemsOf<ResponseBody<P, 'get'>>;

type WalkQuery<P extends ListPath> = Omit<QueryOf<Operation<P, 'get'>>, 'bookmark'>;

/** Options of `paginate`: those of the list call, without `bookmark` (the walk owns it). */
export type PaginateOptions<P extends ListPath> = PathOption<Operation<P, 'get'>> &
  ([RequiredKeys<WalkQuery<P>>] extends [never] ? { query?: WalkQuery<P> } : { query: WalkQuery<P> }) &
  CallOptions;

/** The rest parameters of `paginate`: required when the list has path parameters or required query ones. */
export type PaginateArg<P extends ListPath> =
  true extends IsUnion<P>
    ? [options?: PaginateOptions<P>]
    : [PathParamsOf<Operation<P, 'get'>>] extends [never]
      ? [RequiredKeys<WalkQuery<P>>] extends [never]
        ? [options?: PaginateOptions<P>]
        : [options: PaginateOptions<P>]
      : [options: PaginateOptions<P>];
