import { describe, expect, it } from 'vitest';
import { checkRedirectUri, diffChars, editDistance, parseRegisteredList } from './redirect-check.ts';

const FASTIFY = 'http://localhost:3000/auth/callback';
const SCRIPT = 'http://localhost:8085/';

function causeIds(sent: string, registered: string[]): string[] {
  return checkRedirectUri(sent, registered).causes.map((c) => c.id);
}

describe('checkRedirectUri', () => {
  it('accepts only a byte-for-byte match', () => {
    const result = checkRedirectUri(FASTIFY, [SCRIPT, FASTIFY]);
    expect(result.verdict).toBe('match');
    expect(result.closest).toBe(FASTIFY);
    expect(result.causes).toEqual([]);
  });

  it.each([
    ['trailing slash added', `${FASTIFY}/`, [FASTIFY], 'trailing-slash'],
    ['trailing slash dropped (script template)', 'http://localhost:8085', [SCRIPT], 'trailing-slash'],
    ['https vs http', 'https://localhost:3000/auth/callback', [FASTIFY], 'scheme'],
    ['127.0.0.1 vs localhost', 'http://127.0.0.1:3000/auth/callback', [FASTIFY], 'loopback-host'],
    ['[::1] vs localhost', 'http://[::1]:3000/auth/callback', [FASTIFY], 'loopback-host'],
    ['another port', 'http://localhost:3001/auth/callback', [FASTIFY], 'port'],
    ['explicit default port', 'https://app.example.com:443/cb', ['https://app.example.com/cb'], 'port'],
    ['double encoding', encodeURIComponent(FASTIFY), [FASTIFY], 'encoding'],
    ['%2F in the path', 'http://localhost:3000/auth%2Fcallback', [FASTIFY], 'encoding'],
    ['path case', 'http://localhost:3000/auth/Callback', [FASTIFY], 'case'],
    ['host case', 'http://LocalHost:3000/auth/callback', [FASTIFY], 'case'],
    ['trailing space', `${FASTIFY} `, [FASTIFY], 'whitespace'],
    ['other path', 'http://localhost:3000/callback', [FASTIFY], 'path'],
    ['www vs apex', 'https://www.example.com/cb', ['https://example.com/cb'], 'host'],
    ['query string', `${FASTIFY}?from=home`, [FASTIFY], 'query'],
    ['fragment', `${FASTIFY}#x`, [FASTIFY], 'fragment'],
  ])('%s → %s', (_name, sent, registered, cause) => {
    const result = checkRedirectUri(sent, registered);
    expect(result.verdict).toBe('mismatch');
    expect(result.causes.map((c) => c.id)).toContain(cause);
    for (const c of result.causes) expect(c.fix.length).toBeGreaterThan(20);
  });

  it('names only the real cause for a single difference', () => {
    expect(causeIds(`${FASTIFY}/`, [FASTIFY])).toEqual(['trailing-slash']);
    expect(causeIds('http://127.0.0.1:3000/auth/callback', [FASTIFY])).toEqual(['loopback-host']);
    expect(causeIds('http://localhost:3001/auth/callback', [FASTIFY])).toEqual(['port']);
  });

  it('reports several causes at once', () => {
    const ids = causeIds('https://127.0.0.1:3000/auth/callback/', [FASTIFY]);
    expect(ids).toEqual(expect.arrayContaining(['scheme', 'loopback-host', 'trailing-slash']));
  });

  it('compares with the closest registered URI', () => {
    const registered = [SCRIPT, 'http://localhost:5173/auth/callback', FASTIFY];
    expect(checkRedirectUri('http://localhost:3000/auth/callback/', registered).closest).toBe(FASTIFY);
    expect(checkRedirectUri('http://127.0.0.1:8085/', registered).closest).toBe(SCRIPT);
  });

  it('says so when nothing is registered', () => {
    const result = checkRedirectUri(FASTIFY, []);
    expect(result.verdict).toBe('mismatch');
    expect(result.causes.map((c) => c.id)).toEqual(['nothing-registered']);
  });

  it('flags a relative URI as invalid', () => {
    expect(causeIds('/auth/callback', [FASTIFY])).toContain('invalid-url');
  });

  it('warns about http outside loopback even on a match', () => {
    const uri = 'http://app.example.com/cb';
    const result = checkRedirectUri(uri, [uri]);
    expect(result.verdict).toBe('match');
    expect(result.warnings.join(' ')).toMatch(/https/);
    expect(checkRedirectUri(FASTIFY, [FASTIFY]).warnings).toEqual([]);
  });
});

describe('diffChars', () => {
  it('rebuilds both strings from the parts', () => {
    const from = 'http://localhost:3000/auth/callback';
    const to = 'https://127.0.0.1:3000/auth/callback/';
    const parts = diffChars(from, to);
    expect(
      parts
        .filter((p) => p.type !== 'added')
        .map((p) => p.text)
        .join(''),
    ).toBe(from);
    expect(
      parts
        .filter((p) => p.type !== 'removed')
        .map((p) => p.text)
        .join(''),
    ).toBe(to);
  });

  it('isolates a trailing slash', () => {
    expect(diffChars('http://x/cb', 'http://x/cb/')).toEqual([
      { type: 'same', text: 'http://x/cb' },
      { type: 'added', text: '/' },
    ]);
  });
});

describe('helpers', () => {
  it('editDistance counts single edits', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });

  it('parseRegisteredList keeps each line as typed, minus blank lines', () => {
    expect(parseRegisteredList(`${FASTIFY}\r\n\n${SCRIPT} \n`)).toEqual([FASTIFY, `${SCRIPT} `]);
  });
});
