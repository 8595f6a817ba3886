import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { buildRouteTable } from '../../src/api/route-table.js';
import { verifyAuditLog } from '../../src/app/audit/verify-audit-log.js';
import { type ApiHarness, waitForJob } from '../api/api-harness.js';
import { API_PROVEN_ELSEWHERE } from './proven-elsewhere.js';

/** What a call sends: nothing, a JSON body, or a file's text as the route's upload type. */
export type Sent = { json: unknown } | { text: string | Buffer; type: string } | undefined;

/** One state-changing route: a valid call and a broken one, run in the order given. */
export interface ApiWrite {
  path: () => string;
  /** Where the broken call goes, when its breakage is the path (an unknown id); default `path`. */
  brokenPath?: () => string;
  valid: () => Sent;
  broken: () => Sent;
  action: string;
  /** The valid call starts a job: its entry is written when the job has run. */
  job?: boolean;
  /** Runs before the valid call (to make what it acts on, or learn an id). */
  prepare?: () => Promise<void>;
  /** Who calls: the admin user's token by default; `anonymous` sends no token (sign-in, cookies). */
  anonymous?: boolean;
  /** Headers of both calls (a session cookie and its CSRF token). */
  headers?: () => Record<string, string>;
  /** Who the entry names; the admin user by default. */
  actor?: string;
}

export const json = (body: unknown): Sent => ({ json: body });
export const csv = (text: string | Buffer): Sent => ({ text, type: 'text/csv' });

const methodOf = new Map(buildRouteTable('0').map((route) => [route.id, route.method]));

/** The target of the last entry with `action`, without its `kind:` prefix (a load or webhook id). */
export async function lastTarget(api: ApiHarness, action: string): Promise<string> {
  const entry = (await api.stores.access.audit.listEntries({})).findLast((e) => e.action === action);
  return String(entry!.target).replace(/^[a-z-]+:/, '');
}

/**
 * Proves each route in turn on one server, as the admin user's token: the valid call answers
 * 2xx and adds exactly one entry with the route's action and the token's user; the broken call
 * answers 4xx and adds none. Jobs are waited for, and the scheduler's follow-up work with them.
 */
export async function proveApiWrites(api: ApiHarness, writes: Record<string, ApiWrite>): Promise<void> {
  const entries = () => api.stores.access.audit.listEntries({});
  for (const [id, write] of Object.entries(writes)) {
    const call = (id: string, path: string, sent: Sent) =>
      api.json(path, {
        method: methodOf.get(id)!,
        ...(write.anonymous ? { role: null } : {}),
        headers: {
          ...write.headers?.(),
          ...(sent === undefined ? {} : { 'content-type': 'json' in sent ? 'application/json' : sent.type }),
        },
        ...(sent === undefined ? {} : { body: 'json' in sent ? JSON.stringify(sent.json) : sent.text }),
      });
    assert.ok(methodOf.has(id), `${id} is no route`);
    await write.prepare?.();
    const before = await entries();
    const ok = await call(id, write.path(), write.valid());
    assert.ok(ok.status < 300, `${id}: ${ok.status} ${JSON.stringify(ok.body)}`);
    if (write.job) {
      assert.equal((await waitForJob(api, ok.body.id)).status, 'succeeded', id);
      await api.server.services.scheduler.idle();
    }
    const afterValid = await entries();
    assert.equal(afterValid.length, before.length + 1, `${id}: one entry for a valid call`);
    assert.equal(afterValid.at(-1)!.action, write.action, id);
    assert.equal(afterValid.at(-1)!.actor, write.actor ?? 'user:admin-user', id);
    const refused = await call(id, (write.brokenPath ?? write.path)(), write.broken());
    assert.ok(refused.status >= 400 && refused.status < 500, `${id}: broken call answered ${refused.status}`);
    await api.server.services.scheduler.idle();
    assert.equal((await entries()).length, afterValid.length, `${id}: a refused call added an entry`);
  }
}

/** The chain the writes made verifies (the use case of `tollgate audit verify`). */
export async function assertChainVerifies(api: ApiHarness): Promise<void> {
  const verified = await verifyAuditLog(api.stores);
  assert.equal(verified.ok, true, JSON.stringify(verified));
}

/**
 * The two tests every API proof file holds, inside its `describe`: the file proves exactly the
 * routes API_PROVEN_ELSEWHERE names for it (a route left out of WRITES, or one not listed there,
 * fails), and each route is proven on `api` after `setUp`, with the chain verified.
 */
export function describeAuditedRoutes(
  file: string,
  writes: Record<string, ApiWrite>,
  setUp: () => Promise<void>,
  api: ApiHarness,
): void {
  before(setUp);
  it('proves exactly the routes the enumeration test says it proves', () => {
    const here = Object.keys(API_PROVEN_ELSEWHERE).filter((id) => API_PROVEN_ELSEWHERE[id] === file);
    assert.deepEqual(Object.keys(writes).sort(), here.sort());
  });
  it('each write: a valid call adds one entry naming its action and the token user; a broken call adds none', async () => {
    await proveApiWrites(api, writes);
    await assertChainVerifies(api);
  });
}
