import type { BrowserContext, LaunchOptions } from 'playwright-core';

export declare const CHROMIUM_PATH: string;
export declare const CHROMIUM_ARGS: string[];
/** Launches headless Debian Chromium in a fresh temporary profile; `close()` also removes the profile. */
export declare function launchBrowser(
  options?: Parameters<typeof import('playwright-core').chromium.launchPersistentContext>[1] & LaunchOptions,
): Promise<{ context: BrowserContext; close: () => Promise<void> }>;
