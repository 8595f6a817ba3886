import assert from 'node:assert/strict';
import { type ErrorKind, isTollgateError } from '../../src/core/errors.js';

/**
 * A use case called in-process must refuse with this code, kind (the CLI's exit code and the
 * API's status follow from it) and a message matching `message`; returns the message.
 */
export async function expectRefusal(
  work: () => Promise<unknown>,
  code: string,
  kind: ErrorKind,
  message: RegExp,
): Promise<string> {
  let refusal: unknown;
  try {
    await work();
  } catch (error) {
    refusal = error;
  }
  assert.ok(isTollgateError(refusal), `expected a refusal ${code}, got ${String(refusal)}`);
  assert.equal(refusal.code, code, refusal.message);
  assert.equal(refusal.kind, kind, `${code}: ${refusal.message}`);
  assert.match(refusal.message, message);
  return refusal.message;
}
