/**
 * Opens a URL in the user's browser, best effort: the URL is always printed too, because over SSH, in WSL
 * or in a container there may be no browser to open (L2).
 *
 * `BROWSER` (the convention of xdg-utils, Python's webbrowser, git…) picks the program; `BROWSER=none`
 * opens nothing.
 */
import { spawn } from 'node:child_process';

/** The command that opens `url` on this platform. */
export function openCommand(
  url: string,
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): { command: string; args: string[] } | undefined {
  if (env.BROWSER === 'none') return undefined;
  if (env.BROWSER) return { command: env.BROWSER, args: [url] };
  if (platform === 'darwin') return { command: 'open', args: [url] };
  // `start` is a cmd built-in that mangles `&` in URLs; the URL handler of Windows takes it verbatim.
  if (platform === 'win32') return { command: 'rundll32', args: ['url.dll,FileProtocolHandler', url] };
  return { command: 'xdg-open', args: [url] };
}

/** Tries to open `url`; resolves `false` (never throws) when there is no browser to open. */
export function openBrowser(url: string, env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  const command = openCommand(url, env);
  if (!command) return Promise.resolve(false);
  return new Promise((resolve) => {
    try {
      const child = spawn(command.command, command.args, { stdio: 'ignore', detached: true });
      child.once('error', () => resolve(false));
      child.once('spawn', () => {
        child.unref();
        resolve(true);
      });
    } catch {
      resolve(false);
    }
  });
}
