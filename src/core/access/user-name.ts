import { TollgateError } from '../errors.js';

const USER_NAME = /^[a-z0-9][a-z0-9._@-]{0,63}$/;
const OWNER_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** User names are lower-case login names or e-mail addresses: letters, digits, . _ @ -. */
export function parseUserName(text: string): string {
  if (USER_NAME.test(text)) return text;
  throw new TollgateError(
    'USER_BAD_NAME',
    `'${text}' is not a user name; use 1-64 lower-case letters, digits, '.', '_', '@' or '-', starting with a letter or digit.`,
    'usage',
  );
}

/** A scope names an owner (a team, as in the owner tag), for example payments. */
export function parseScope(text: string): string {
  if (OWNER_NAME.test(text)) return text;
  throw new TollgateError(
    'USER_BAD_SCOPE',
    `'${text}' is not an owner name; use 1-64 letters, digits, '.', '_' or '-'.`,
    'usage',
  );
}
