import { PinterestAuthError } from './errors.js';

/**
 * Asserts an argument of a public function, oauth4webapi-style: a clear `INVALID_ARGUMENT` error naming the
 * argument and what it expects (internal).
 */
export function assertArgument(ok: unknown, name: string, expected: string): asserts ok {
  if (!ok) {
    throw new PinterestAuthError('INVALID_ARGUMENT', `${name} must be ${expected}.`, {
      hint: `Pass ${name} as ${expected}.`,
    });
  }
}
