/** Settings from the environment: defaults, the port, and a clear error naming what is missing. */
import { PinterestConfigError } from '@kit/auth-core';
import { describe, expect, it } from 'vitest';
import { settingsFromEnv } from '../src/config.js';

const complete = {
  PINTEREST_APP_ID: '1000001',
  PINTEREST_APP_SECRET: 'secret',
  PINTEREST_REDIRECT_URI: 'http://localhost:3002/auth/callback',
};

describe('settingsFromEnv', () => {
  it('asks for the name and the boards by default and listens on the redirect URI port, on loopback', () => {
    const settings = settingsFromEnv(complete);
    expect(settings.auth.scopes).toEqual(['user_accounts:read', 'boards:read']);
    expect(settings).toMatchObject({ host: '127.0.0.1', port: 3002 });
  });

  it('takes PINTEREST_SCOPES separated by commas or spaces, and HOST', () => {
    const settings = settingsFromEnv({
      ...complete,
      PINTEREST_SCOPES: 'boards:read pins:read',
      HOST: '0.0.0.0',
    });
    expect(settings.auth.scopes).toEqual(['boards:read', 'pins:read']);
    expect(settings.host).toBe('0.0.0.0');
  });

  it('an https redirect URI without a port means 443', () => {
    expect(
      settingsFromEnv({ ...complete, PINTEREST_REDIRECT_URI: 'https://app.example/auth/callback' }).port,
    ).toBe(443);
  });

  it('names each missing variable', () => {
    let error: unknown;
    try {
      settingsFromEnv({ PINTEREST_APP_ID: '1000001' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(PinterestConfigError);
    const problems = (error as PinterestConfigError).problems.join('\n');
    expect(problems).toContain('PINTEREST_APP_SECRET');
    expect(problems).toContain('PINTEREST_REDIRECT_URI');
  });
});
