/** Pinterest's bookmark pagination: `{items, bookmark}`, `page_size` 1–250 (default 25). */
import type { FastifyReply } from 'fastify';
import type { CachedPage } from '../store.js';

const DEFAULT_PAGE_SIZE = 25;
const MAX_PAGE_SIZE = 250;
const JSON_TYPE = 'application/json; charset=utf-8';

/** The paging parameters of a list (after the spec check coerced them). */
export interface ListQuery {
  bookmark?: string;
  page_size?: string | number;
}

function encodeBookmark(list: string, offset: number): string {
  return Buffer.from(`${list}|${offset}`).toString('base64url');
}

/** The offset a bookmark points at, or undefined when it is not one this list handed out. */
function decodeBookmark(list: string, bookmark: string): number | undefined {
  const text = Buffer.from(bookmark, 'base64url').toString('utf8');
  const bar = text.lastIndexOf('|');
  if (bar === -1 || text.slice(0, bar) !== list) return undefined;
  const offset = Number(text.slice(bar + 1));
  return Number.isInteger(offset) && offset >= 0 ? offset : undefined;
}

export type Paging = { pageSize: number; offset: number } | { error: string };

/** Reads `page_size` and `bookmark` for the list named `list` (a bookmark only works on its own list). */
export function readPaging(list: string, query: ListQuery): Paging {
  let pageSize = DEFAULT_PAGE_SIZE;
  if (query.page_size !== undefined) {
    const value = String(query.page_size);
    pageSize = /^\d+$/.test(value) ? Number(value) : Number.NaN;
    if (!(pageSize >= 1 && pageSize <= MAX_PAGE_SIZE)) {
      return {
        error: `Invalid parameter: page_size must be an integer from 1 to ${MAX_PAGE_SIZE} (got "${value}").`,
      };
    }
  }
  let offset = 0;
  if (query.bookmark !== undefined && query.bookmark !== '') {
    const decoded = decodeBookmark(list, query.bookmark);
    if (decoded === undefined) {
      return {
        error: 'Invalid parameter: bookmark is not one this list returned; pass back the last bookmark.',
      };
    }
    offset = decoded;
  }
  return { pageSize, offset };
}

/** Serialises one page of `items` with the bookmark of the next page (`null` on the last). */
export function buildPage<T>(list: string, items: T[], offset: number, pageSize: number): CachedPage {
  const end = offset + pageSize;
  const bookmark = end < items.length ? encodeBookmark(list, end) : null;
  return { body: JSON.stringify({ items: items.slice(offset, end), bookmark }) };
}

/** Sends a page already serialised. */
export function sendPage(reply: FastifyReply, page: CachedPage): FastifyReply {
  return reply.header('content-type', JSON_TYPE).send(page.body);
}
