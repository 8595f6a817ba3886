/**
 * Every failure a user can cause carries a stable `code` (scripts and the API match on it),
 * a message that says what went wrong and what to do next, and a kind that the CLI maps to an
 * exit code and the API to an HTTP status.
 */
export type ErrorKind = 'usage' | 'invalid-input' | 'not-found' | 'conflict' | 'unavailable' | 'internal';

export class TollgateError extends Error {
  readonly code: string;
  readonly kind: ErrorKind;
  readonly details: Record<string, unknown> | undefined;

  constructor(
    code: string,
    message: string,
    kind: ErrorKind = 'invalid-input',
    details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'TollgateError';
    this.code = code;
    this.kind = kind;
    this.details = details;
  }
}

export function isTollgateError(error: unknown): error is TollgateError {
  return error instanceof TollgateError;
}
