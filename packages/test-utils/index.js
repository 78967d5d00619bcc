// Real Chromium for browser tests: Debian's build at /usr/bin/chromium (installed by scripts/setup.mjs),
// launched with the flags that keep it off the network this machine does not have.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchBrowser(options = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'kit-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    // The same browser whatever the caller's shell: English, UTC, and none of its environment but PATH.
    env: { PATH: process.env.PATH ?? '', HOME: profile },
    locale: 'en-US',
    timezoneId: 'UTC',
    ...options,
  });
  const close = async () => {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  };
  return { context, close };
}
