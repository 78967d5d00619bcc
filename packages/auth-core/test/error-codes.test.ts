// Every error of the package carries one of the documented ERROR_CODES, and the constants name themselves.
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  CallbackError,
  ERROR_CODES,
  LockTimeoutError,
  MediaProcessingError,
  MissingScopeError,
  NetworkError,
  PinterestApiError,
  type PinterestAuthError,
  type PinterestAuthErrorCode,
  PinterestConfigError,
  ProtocolError,
  ReauthorizationRequiredError,
  ReportError,
  TimeoutError,
  TokenPersistError,
  TokenRequestError,
} from '../src/index.js';

describe('ERROR_CODES', () => {
  it('maps each code to itself and is frozen', () => {
    for (const [name, code] of Object.entries(ERROR_CODES)) expect(code).toBe(name);
    expect(Object.isFrozen(ERROR_CODES)).toBe(true);
  });

  it('holds the code of every error class', () => {
    const errors: PinterestAuthError[] = [
      new PinterestConfigError(['x']),
      new CallbackError('STATE_MISMATCH', 'x'),
      new ProtocolError('x'),
      new TokenRequestError('x', { status: 400 }),
      new TimeoutError('x'),
      new NetworkError('x'),
      new ReauthorizationRequiredError('no_tokens', 'x'),
      new LockTimeoutError('x'),
      new TokenPersistError(4, new Error('disk')),
      new PinterestApiError('x', { kind: 'server', method: 'GET', path: '/boards', hint: '' }),
      new MissingScopeError('GET /boards', ['boards:read']),
      new MediaProcessingError('1'),
      new ReportError('FAILED', 'x'),
    ];
    const codes: string[] = Object.values(ERROR_CODES);
    for (const error of errors) expect(codes, error.name).toContain(error.code);
    expectTypeOf(new MissingScopeError('GET /boards', []).code).toEqualTypeOf<'MISSING_SCOPE'>();
    expectTypeOf<(typeof ERROR_CODES)['API_ERROR']>().toExtend<PinterestAuthErrorCode>();
  });

  it('names the scopes and how to get them in a MissingScopeError', () => {
    const error = new MissingScopeError('GET /boards/{board_id}/pins', ['boards:read', 'pins:read']);
    expect(error.message).toBe(
      'GET /boards/{board_id}/pins needs scopes boards:read, pins:read, which the token was not granted.',
    );
    expect(error.hint).toMatch(/PINTEREST_SCOPES/);
    expect(error.toJSON()).toMatchObject({
      code: 'MISSING_SCOPE',
      missingScopes: ['boards:read', 'pins:read'],
    });
  });
});
