import type { Stores } from '../ports/stores.js';
import { type GateStateCache, readCacheOf } from './cached-stores.js';

/** Beyond this many kept answers (distinct queries) the store starts afresh. */
const MAX_ANSWERS = 200;

interface Kept {
  version: number;
  answers: Map<string, Promise<unknown>>;
}

const kept = new WeakMap<GateStateCache, Kept>();

/**
 * Answers computed from the bill (cost lines, loads, allocation runs, exchange rates, the
 * catalogue), kept while the bill is unchanged, so a dashboard asking a forecast again (another
 * tab, another person, the view opened again) gets it from memory instead of refitting it.
 * Method (the bill's data version, a counter the server's read cache keeps, cached-stores.ts):
 * 1. The version changes whenever a write to any of the bill's stores empties the read
 *    cache's bill group: when the write is called, when it returns and when its transaction
 *    settles. Without a read cache (a shared PostgreSQL database) nothing is kept here.
 * 2. An answer is kept under its key for the version read before it was computed; a new
 *    version drops every kept answer. A computation that a write overtook stays with the old
 *    version only, so it is never handed out after the write.
 * 3. A failed computation is not kept: asked again, it runs again (and says why again).
 */
export async function keptAnswer<T>(
  cachedStores: Stores,
  key: string,
  compute: () => Promise<T>,
): Promise<T> {
  const cache = readCacheOf(cachedStores);
  if (!cache) return compute();
  const version = cache.billVersion();
  let entry = kept.get(cache);
  if (!entry || entry.version !== version || entry.answers.size >= MAX_ANSWERS) {
    entry = { version, answers: new Map() };
    kept.set(cache, entry);
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
