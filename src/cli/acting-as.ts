import type { Command } from 'commander';
import { type ActingIdentity, personOf } from '../app/access/acting-identity.js';
import type { Permission } from '../core/access/roles.js';
import { TollgateError } from '../core/errors.js';
import type { Stores } from '../ports/stores.js';
import { withIdentity } from './cli-identity.js';

/**
 * A deprecated `--by <person>` must name who acts: a command cannot record a change in someone
 * else's name. Who acts is the token's user (--token), else the operating-system login.
 */
export function checkByIsActor(by: string | undefined, identity: ActingIdentity): void {
  if (by === undefined) return;
  const person = personOf(identity);
  if (by !== person)
    throw new TollgateError(
      'BY_NOT_ACTOR',
      `--by '${by}' is not who runs this command (${person}). --by is deprecated: drop it, or run as that person with --token <their token>.`,
      'usage',
    );
}

/**
 * Opens the stores and resolves who acts for `permission` (a token's role is checked as the API
 * checks it), refuses a `--by` naming someone else, then runs the audited use case in `work`.
 */
export function withActingIdentity<T>(
  command: Command,
  permission: Permission,
  by: string | undefined,
  work: (stores: Stores, identity: ActingIdentity) => Promise<T>,
): Promise<T> {
  return withIdentity(command, permission, async (stores, identity) => {
    checkByIsActor(by, identity);
    return work(stores, identity);
  });
}
