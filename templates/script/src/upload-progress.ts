/**
 * A `fetch` for the media upload that reports bytes as the storage host reads them. The multipart body is
 * measured first (a pass over the file that discards it) so the upload still carries a Content-Length: storage
 * hosts refuse chunked form uploads.
 */
export function countingFetch(onBytes: (sent: number, total: number) => void): typeof fetch {
  return async (input, init) => {
    if (!(init?.body instanceof FormData)) return fetch(input, init);
    const url = input instanceof Request ? input.url : String(input);
    let total = 0;
    const measure = new Request(url, { method: 'POST', body: init.body }).body;
    if (measure) for await (const chunk of measure) total += chunk.byteLength;
    // The boundary differs per serialization but not its length, so the size above holds.
    const request = new Request(url, { method: init.method ?? 'POST', body: init.body });
    const headers = new Headers(init.headers);
    headers.set('content-type', request.headers.get('content-type') ?? '');
    headers.set('content-length', String(total));
    let sent = 0;
    const counter = new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        sent += chunk.byteLength;
        onBytes(sent, total);
        controller.enqueue(chunk);
      },
    });
    return fetch(url, {
      method: request.method,
      headers,
      body: request.body?.pipeThrough(counter) ?? null,
      duplex: 'half',
      ...(init.redirect ? { redirect: init.redirect } : {}),
      ...(init.signal ? { signal: init.signal } : {}),
    } as RequestInit);
  };
}
