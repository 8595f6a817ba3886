import { TollgateError } from '../errors.js';

/**
 * A refusal by access control: 401 when the caller is not known (no, bad, expired or revoked
 * token), 403 when the caller is known but not allowed.
 */
export class AccessError extends TollgateError {
  readonly status: 401 | 403;

  constructor(code: string, message: string, status: 401 | 403) {
    super(code, message, 'invalid-input');
    this.name = 'AccessError';
    this.status = status;
  }
}
