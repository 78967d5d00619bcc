/**
 * B1: no secret or token reaches the browser. The SPA is built with recognisable canary values in the
 * environment — the real variable names, and VITE_-prefixed ones (which Vite would inline if the code read
 * them: the code never does, and secrets never use that prefix) — then every file of dist/ is searched.
 */
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSpa } from './helpers/build.js';

const CANARIES = {
  PINTEREST_APP_SECRET: 'canary-app-secret-7f3a9c',
  PINTEREST_APP_ID: '987654321012345',
  PINTEREST_ACCESS_TOKEN: 'pina_CANARYACCESSTOKEN0001',
  PINTEREST_REFRESH_TOKEN: 'pinr_CANARYREFRESHTOKEN0002',
  VITE_PINTEREST_APP_SECRET: 'canary-vite-secret-4b8e21',
  VITE_PINTEREST_ACCESS_TOKEN: 'pina_CANARYVITEACCESS0003',
  VITE_PINTEREST_CLIENT_TOKEN: 'pinc_CANARYVITECLIENT0004',
  SESSION_SECRET: 'canary-session-secret-19d0',
  PINTEREST_TOKEN_ENCRYPTION_KEY: 'canary-encryption-key-5521',
};

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('the built SPA (B1)', () => {
  let outDir = '';
  let output = '';
  let files: Array<{ path: string; text: string }> = [];

  beforeAll(async () => {
    ({ outDir, output } = await buildSpa(CANARIES));
    files = filesUnder(outDir).map((path) => ({ path, text: readFileSync(path, 'latin1') }));
  });
  afterAll(() => {
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  it('is a real build of the app (the search below looks at something)', () => {
    expect(files.some((f) => f.path.endsWith('index.html'))).toBe(true);
    const scripts = files.filter((f) => f.path.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.map((f) => f.text).join('')).toContain('Log in with Pinterest');
  });

  it.each(Object.entries(CANARIES))('does not contain %s', (_name, value) => {
    for (const file of files)
      expect({ file: file.path, found: file.text.includes(value) }).toEqual({
        file: file.path,
        found: false,
      });
  });

  it('does not contain client_secret or anything shaped like a Pinterest token', () => {
    for (const file of files) {
      expect(file.text).not.toMatch(/client_secret/i);
      expect(file.text).not.toMatch(/pin[arc]_[A-Za-z0-9]/);
      expect(file.text).not.toMatch(/CANARY/i);
    }
  });

  it('warns at build time about VITE_ variables that look like secrets', () => {
    expect(output).toContain('VITE_PINTEREST_APP_SECRET looks like a secret');
  });
});
