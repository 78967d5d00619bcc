/**
 * The loopback receiver (L1, L3, L4) with real sockets, and the browser opener (L2).
 */
import { request } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openBrowser, openCommand } from '../src/browser.js';
import { LOGIN_TIMEOUT_MS, LoopbackError, loopbackTarget, startLoopbackReceiver } from '../src/loopback.js';
import { freePort } from './helpers.js';

const STATE = 's'.repeat(43);

/** A raw HTTP request to 127.0.0.1 (fetch cannot send every method/path mix we need). */
function hit(port: number, method: string, path: string) {
  return new Promise<{
    status: number;
    headers: Record<string, string | string[] | undefined>;
    body: string;
  }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

afterEach(() => {
  vi.useRealTimers();
});

describe('L1: bound to 127.0.0.1 on the registered port', () => {
  it('listens on 127.0.0.1 only, on the redirect URI port', async () => {
    const port = await freePort();
    const receiver = await startLoopbackReceiver({ redirectUri: `http://localhost:${port}/`, state: STATE });
    try {
      expect(receiver.address).toEqual({ address: '127.0.0.1', port });
    } finally {
      await receiver.close();
    }
  });

  it('a busy port is a clear error naming the port and the fix', async () => {
    const port = await freePort();
    const first = await startLoopbackReceiver({ redirectUri: `http://localhost:${port}/`, state: STATE });
    try {
      const second = startLoopbackReceiver({ redirectUri: `http://localhost:${port}/`, state: STATE });
      await expect(second).rejects.toMatchObject({ code: 'PORT_BUSY' });
      await expect(second).rejects.toThrow(`Port ${port} on 127.0.0.1 is busy`);
      await expect(second).rejects.toThrow('PINTEREST_REDIRECT_URI');
    } finally {
      await first.close();
    }
  });

  it('refuses redirect URIs it cannot serve', () => {
    expect(loopbackTarget('http://localhost:8085/')).toEqual({ port: 8085, path: '/' });
    expect(loopbackTarget('http://127.0.0.1:9000/cb')).toEqual({ port: 9000, path: '/cb' });
    for (const bad of [
      'https://localhost:8085/',
      'http://example.com:8085/',
      'http://localhost/',
      'http://[::1]:8085/',
    ]) {
      expect(() => loopbackTarget(bad)).toThrow(LoopbackError);
    }
  });
});

describe('L3: only the right request counts', () => {
  it('favicon, other paths, other methods and other states do not consume the login; the first valid one does', async () => {
    const port = await freePort();
    const receiver = await startLoopbackReceiver({
      redirectUri: `http://localhost:${port}/callback`,
      state: STATE,
    });
    let settled = false;
    void receiver.callback.then(() => {
      settled = true;
    });

    expect((await hit(port, 'GET', '/favicon.ico')).status).toBe(404);
    expect((await hit(port, 'GET', `/callback/extra?code=c&state=${STATE}`)).status).toBe(404);
    expect((await hit(port, 'POST', `/callback?code=c&state=${STATE}`)).status).toBe(405);
    const wrong = await hit(port, 'GET', '/callback?code=c&state=other');
    expect(wrong.status).toBe(400);
    expect(wrong.body).toContain('Not the login this terminal is waiting for');
    expect((await hit(port, 'GET', `/callback?code=c&state=${STATE}&state=${STATE}`)).status).toBe(400);
    expect(settled).toBe(false);

    const answer = hit(port, 'GET', `/callback?code=the-code&state=${STATE}`);
    const url = await receiver.callback;
    expect(url.href).toBe(`http://localhost:${port}/callback?code=the-code&state=${STATE}`);
    await receiver.finish({ ok: true, title: 'Logged in as mock_alice', message: 'You can close this tab.' });
    const page = await answer;
    expect(page.status).toBe(200);
    // Closed after the first valid callback: nothing listens any more.
    await expect(hit(port, 'GET', '/favicon.ico')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('gives up after 5 minutes (fake clock) and frees the port', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const port = await freePort();
    const receiver = await startLoopbackReceiver({ redirectUri: `http://localhost:${port}/`, state: STATE });
    let outcome: unknown;
    receiver.callback.then(
      () => (outcome = 'resolved'),
      (error: unknown) => (outcome = error),
    );
    await vi.advanceTimersByTimeAsync(LOGIN_TIMEOUT_MS - 1);
    expect(outcome).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(outcome).toBeInstanceOf(LoopbackError);
    expect((outcome as LoopbackError).code).toBe('TIMEOUT');
    expect((outcome as LoopbackError).message).toContain('within 5 minutes');
    vi.useRealTimers();
    const again = await startLoopbackReceiver({ redirectUri: `http://localhost:${port}/`, state: STATE });
    await again.close();
  });
});

describe('L4: the "you can close this tab" page', () => {
  it('no-referrer, no-store, no external resources, no script', async () => {
    const port = await freePort();
    const receiver = await startLoopbackReceiver({ redirectUri: `http://127.0.0.1:${port}/`, state: STATE });
    const answer = hit(port, 'GET', `/?code=c&state=${STATE}`);
    await receiver.callback;
    await receiver.finish({ ok: true, title: 'Logged in as <b>x</b>', message: 'You can close this tab.' });
    const page = await answer;
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.body).toContain('You can close this tab.');
    expect(page.body).toContain('Logged in as &lt;b&gt;x&lt;/b&gt;');
    expect(page.body).not.toMatch(/\b(src|href)=|url\(|<script|@import|https?:\/\//i);
  });
});

describe('L2: opening the browser', () => {
  it('uses BROWSER, else the platform opener; BROWSER=none opens nothing', () => {
    const url = 'https://www.pinterest.com/oauth/?a=1&b=2';
    expect(openCommand(url, { BROWSER: 'firefox' }, 'linux')).toEqual({ command: 'firefox', args: [url] });
    expect(openCommand(url, { BROWSER: 'none' }, 'linux')).toBeUndefined();
    expect(openCommand(url, {}, 'linux')).toEqual({ command: 'xdg-open', args: [url] });
    expect(openCommand(url, {}, 'darwin')).toEqual({ command: 'open', args: [url] });
    expect(openCommand(url, {}, 'win32')).toEqual({
      command: 'rundll32',
      args: ['url.dll,FileProtocolHandler', url],
    });
  });

  it('a missing opener is tolerated (false, no throw)', async () => {
    expect(await openBrowser('http://127.0.0.1/', { BROWSER: '/nonexistent/browser-binary' })).toBe(false);
    expect(await openBrowser('http://127.0.0.1/', { BROWSER: 'none' })).toBe(false);
  });
});
