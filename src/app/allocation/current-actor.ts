import { userInfo } from 'node:os';

/** Who is acting, for the audit log: TOLLGATE_USER when set, else the operating-system user. */
export function currentActor(): string {
  const fromEnv = process.env.TOLLGATE_USER?.trim();
  if (fromEnv) return fromEnv;
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
