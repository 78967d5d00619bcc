/** `npm start`: the example on the port of `PINTEREST_REDIRECT_URI`, against Pinterest or the mock. */
import { PinterestConfigError } from '@kit/auth-core';
import { buildApp } from './app.js';
import { settingsFromEnv } from './config.js';

let settings: ReturnType<typeof settingsFromEnv>;
try {
  settings = settingsFromEnv();
} catch (error) {
  if (!(error instanceof PinterestConfigError)) throw error;
  process.stderr.write(`Cannot start:\n${error.problems.map((line) => `  - ${line}`).join('\n')}\n`);
  process.exit(1);
}
const { app } = await buildApp({ authConfig: settings.auth, logLevel: process.env.LOG_LEVEL || 'info' });
await app.listen({ host: settings.host, port: settings.port });
process.stdout.write(`Open ${new URL('/', settings.auth.redirectUri)}\n`);
