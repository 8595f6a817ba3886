import type { Stores } from '../ports/stores.js';

/** Beyond this many kept answers (distinct queries) the store starts afresh. */
const MAX_ANSWERS = 200;

interface Kept {
  version: Promise<unknown>;
  answers: Map<string, Promise<unknown>>;
}

const kept = new WeakMap<Stores, Kept>();

/**
 * Answers computed from the bill (cost lines, loads, allocation runs, exchange rates, the
 * catalogue), kept while the bill is unchanged, so a dashboard asking a forecast again (another
 * tab, another person, the view opened again) gets it from memory instead of refitting it.
 * Method (a data version borrowed from the server's read cache, cached-stores.ts):
 * 1. The version is the promise `cachedStores` answers for a small read of its bill group
 *    (listReleases): the read cache hands back the same promise until a write to any of the
 *    bill's stores empties the group, and a new one after it (or in a transaction with writes
 *    pending, or without a read cache at all: a shared PostgreSQL database keeps nothing here).
 * 2. An answer is kept under its key for that version; a new version drops every kept answer.
 *    A computation still running when the version changes stays with the old version only.
 * 3. A failed computation is not kept: asked again, it runs again (and says why again).
 */
export async function keptAnswer<T>(
  cachedStores: Stores,
  key: string,
  compute: () => Promise<T>,
): Promise<T> {
  const version = cachedStores.governance.releases.listReleases();
  await version;
  let entry = kept.get(cachedStores);
  if (!entry || entry.version !== version || entry.answers.size >= MAX_ANSWERS) {
    entry = { version, answers: new Map() };
    kept.set(cachedStores, entry);
  }
  const hit = entry.answers.get(key);
  if (hit) return hit as Promise<T>;
  const answer = compute();
  const answers = entry.answers;
  answers.set(key, answer);
  answer.catch(() => {
    if (answers.get(key) === answer) answers.delete(key);
  });
  return answer;
}
