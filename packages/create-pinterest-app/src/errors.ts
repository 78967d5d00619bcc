/** Stable machine-readable codes for every way the scaffolder can stop. */
export type CliErrorCode =
  | 'UNKNOWN_FLAG'
  | 'INVALID_VALUE'
  | 'MISSING_VALUE'
  | 'CONFLICTING_FLAGS'
  | 'UNEXPECTED_ARGUMENT'
  | 'NO_TTY'
  | 'INVALID_NAME'
  | 'UNSAFE_TARGET'
  | 'TARGET_NOT_EMPTY'
  | 'CANCELLED'
  | 'TEMPLATES_MISSING'
  | 'WRITE_FAILED'
  | 'INSTALL_FAILED'
  | 'KIT_PACKAGE_MISSING';

/**
 * An error the user can act on: `message` says what was wrong, `hint` how to fix it (often the exact flag
 * to pass). The CLI prints both and exits with `exitCode`, never a stack trace.
 */
export class CliError extends Error {
  override readonly name = 'CliError';
  /** Stable code, for tests and scripts. */
  readonly code: CliErrorCode;
  /** One line telling the user what to do next. */
  readonly hint: string | undefined;
  /** Process exit code: 1 for errors, 130 when the user cancelled. */
  readonly exitCode: number;

  constructor(code: CliErrorCode, message: string, options: { hint?: string; exitCode?: number } = {}) {
    super(message);
    this.code = code;
    this.hint = options.hint;
    this.exitCode = options.exitCode ?? (code === 'CANCELLED' ? 130 : 1);
  }
}
