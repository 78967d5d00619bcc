/**
 * A tiny HTTP client with a cookie jar over node:http. node:http sends the path exactly as given (no `..`
 * resolution, no re-encoding), which the allow-list tests need, and never follows redirects.
 */
import { request as httpRequest } from 'node:http';

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  setCookies: string[];
  text: string;
  json<T = Record<string, unknown>>(): T;
  location(): string | undefined;
}

export interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** Send the jar's cookies (default true). */
  withCookies?: boolean;
}

/** Sends one request to an absolute URL base + raw path. */
export function rawRequest(
  base: string,
  rawPath: string,
  options: RequestOptions & { cookie?: string } = {},
) {
  const url = new URL(base);
  return new Promise<HttpResponse>((resolve, reject) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.cookie) headers.cookie = options.cookie;
    if (options.body !== undefined) headers['content-length'] = String(Buffer.byteLength(options.body));
    const req = httpRequest(
      { host: url.hostname, port: url.port, method: options.method ?? 'GET', path: rawPath, headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const setCookie = res.headers['set-cookie'];
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            setCookies: Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [],
            text,
            json: <T>() => JSON.parse(text) as T,
            location: () => {
              const value = res.headers.location;
              return typeof value === 'string' ? value : undefined;
            },
          });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

/** Parses one Set-Cookie header into name, value and lower-cased attributes. */
export function parseSetCookie(header: string): {
  name: string;
  value: string;
  attributes: Map<string, string>;
} {
  const [pair = '', ...rest] = header.split(';');
  const eq = pair.indexOf('=');
  const attributes = new Map<string, string>();
  for (const part of rest) {
    const [key = '', ...value] = part.trim().split('=');
    attributes.set(key.toLowerCase(), value.join('='));
  }
  return { name: pair.slice(0, eq).trim(), value: pair.slice(eq + 1).trim(), attributes };
}

/** One "browser": a cookie jar bound to one origin. */
export class CookieClient {
  readonly jar = new Map<string, string>();
  constructor(readonly base: string) {}

  cookieHeader(): string {
    return [...this.jar].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  async request(rawPath: string, options: RequestOptions = {}): Promise<HttpResponse> {
    const response = await rawRequest(this.base, rawPath, {
      ...options,
      ...(options.withCookies === false ? {} : { cookie: this.cookieHeader() }),
    });
    for (const header of response.setCookies) {
      const cookie = parseSetCookie(header);
      if (cookie.attributes.get('max-age') === '0' || cookie.value === '') this.jar.delete(cookie.name);
      else this.jar.set(cookie.name, cookie.value);
    }
    return response;
  }
}
