import { hashPassword } from '../../core/access/password-hash.js';
import { parseRole } from '../../core/access/roles.js';
import { parseScope, parseUserName } from '../../core/access/user-name.js';
import { TollgateError } from '../../core/errors.js';
import { type FieldLabels, labelOf } from '../../core/field-labels.js';
import type { Stores } from '../../ports/stores.js';
import type { UserRecord } from '../../ports/user-store.js';
import { type Actor, recordAudit } from '../audit/record-audit.js';

export interface NewUserInput {
  name: string;
  role: string;
  scopes: string[];
  password?: string | undefined;
}

/** What may be shown of a user: never the password hash. */
export type PublicUser = Omit<UserRecord, 'passwordHash'> & { hasPassword: boolean };

export function publicUser(user: UserRecord): PublicUser {
  const { passwordHash, ...rest } = user;
  return { ...rest, hasPassword: passwordHash !== null };
}

export async function addUser(
  stores: Stores,
  actor: Actor,
  input: NewUserInput,
  labels: FieldLabels<'scopes'> = {},
): Promise<PublicUser> {
  const name = parseUserName(input.name);
  const role = parseRole(input.role);
  const scopes = [...new Set(input.scopes.map(parseScope))].sort();
  if ((role === 'budget-owner' || role === 'approver') && scopes.length === 0) {
    throw new TollgateError(
      'USER_SCOPE_REQUIRED',
      `A ${role} answers for owners: give at least one team with ${labelOf(labels, 'scopes')}, for example payments.`,
      'usage',
    );
  }
  if (input.password !== undefined && input.password.length < 12) {
    throw new TollgateError('USER_WEAK_PASSWORD', 'A password needs at least 12 characters.', 'usage');
  }
  const passwordHash = input.password === undefined ? null : await hashPassword(input.password);
  return stores.transaction(async () => {
    if (await stores.access.users.getUser(name)) {
      throw new TollgateError(
        'USER_EXISTS',
        `User ${name} exists already; the list of users shows them.`,
        'conflict',
      );
    }
    const user = publicUser(await stores.access.users.addUser({ name, role, scopes, passwordHash }));
    await recordAudit(stores, actor, { action: 'users.add', target: `user:${name}`, after: user });
    return user;
  });
}

export async function listUsers(stores: Stores): Promise<PublicUser[]> {
  return (await stores.access.users.listUsers()).map(publicUser);
}

/** Removes a user and revokes every token of theirs, in one transaction. */
export async function removeUser(
  stores: Stores,
  actor: Actor,
  nameText: string,
): Promise<{ name: string; revokedTokens: string[] }> {
  const name = parseUserName(nameText);
  return stores.transaction(async () => {
    const user = await stores.access.users.getUser(name);
    if (!user) {
      throw new TollgateError(
        'USER_NOT_FOUND',
        `There is no user ${name}; the list of users shows those there are.`,
        'not-found',
      );
    }
    // A running server with no admin left could no longer manage its users over HTTP.
    if (user.role === 'admin') {
      const admins = (await stores.access.users.listUsers()).filter((other) => other.role === 'admin');
      if (admins.length <= 1)
        throw new TollgateError(
          'USER_LAST_ADMIN',
          `${name} is the last admin; add another admin first, then remove this one.`,
          'conflict',
        );
    }
    const revokedTokens = await stores.access.tokens.revokeUserTokens(user.id);
    await stores.access.users.removeUser(user.id);
    await recordAudit(stores, actor, {
      action: 'users.remove',
      target: `user:${name}`,
      before: publicUser(user),
      after: { revokedTokens },
    });
    return { name, revokedTokens };
  });
}
