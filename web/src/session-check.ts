import { fetchJson, getToken, setCsrfToken } from './api-client';
import type { CurrentSession, Me } from './api-types';
import { prefetchCostRange } from './cost-range';
import { prefetchApi } from './query-client';

let early: Promise<Me> | null = null;

/**
 * Who is signed in: a pasted token (this tab's), else the session cookie (any tab's), whose
 * CSRF token the server gives this tab first. The questions every view asks first (what data
 * there is, the budgets) go out with /me, not after it.
 */
async function checkSession(): Promise<Me> {
  if (getToken() === null)
    setCsrfToken((await fetchJson<CurrentSession>('/api/v1/sessions/current')).csrfToken);
  prefetchCostRange();
  prefetchApi('/api/v1/budgets');
  return fetchJson<Me>('/api/v1/me');
}

/**
 * Starts the check from the entry module, before React and the shell have loaded: on a busy
 * machine parsing them takes longer than the server's answers, which now arrive meanwhile.
 */
export function startSessionCheck(): void {
  early = checkSession();
  // The shell takes the answer (and shows a failure); until then a failure is not unhandled.
  early.catch(() => undefined);
}

/** The check the entry module started, once; every later check (after a sign-in) asks afresh. */
export function takeSessionCheck(): Promise<Me> {
  const check = early ?? checkSession();
  early = null;
  return check;
}
