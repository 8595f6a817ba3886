import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { recordAudit } from '../../src/app/audit/record-audit.js';
import {
  type AuditEntry,
  chainEntry,
  createChainVerifier,
  GENESIS_HASH,
} from '../../src/core/audit/audit-chain.js';
import type { AuditLog } from '../../src/ports/audit-log.js';
import type { Stores } from '../../src/ports/stores.js';
import { type ContractFactory, type ContractStores, withStores } from './governance-stores.contract.js';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Appends one audit entry as every use case does (recordAudit: read the head, chain, append). */
export function appendAudit(
  s: ContractStores,
  actor: string,
  action: string,
  target: string,
  after: unknown = null,
) {
  return recordAudit(
    s as unknown as Stores,
    { name: actor, tokenId: null, address: '127.0.0.1' },
    {
      action,
      target,
      after,
    },
  );
}

/** Reads the whole log page by page and verifies the chain, as `tollgate audit verify` does. */
export async function verifyStoredChain(s: ContractStores) {
  const verifier = createChainVerifier();
  const seqs: number[] = [];
  await s.access.audit.readAll((entries) => {
    for (const entry of entries) {
      verifier.push(entry);
      seqs.push(entry.seq);
    }
  });
  return { ...verifier.result(), seqs };
}

/** The contract every adapter of users, tokens, the audit log, jobs and webhook deliveries keeps. */
export function runAccessStoresContract(adapter: string, open: ContractFactory): void {
  describe(`Access stores contract: ${adapter}`, () => {
    it('adds users with unique names and reads them by name and id, in name order', () =>
      withStores(open, async (s) => {
        const zoe = await s.access.users.addUser({
          name: 'zoe',
          role: 'analyst',
          scopes: [],
          passwordHash: 'scrypt$16384$8$1$c2FsdA$aGFzaA',
        });
        const amy = await s.access.users.addUser({
          name: 'amy',
          role: 'budget-owner',
          scopes: ['payments', 'search'],
          passwordHash: null,
        });
        assert.ok(amy.id > zoe.id);
        assert.match(zoe.createdAt, ISO);
        assert.deepEqual(await s.access.users.getUser('amy'), amy);
        assert.deepEqual(await s.access.users.getUserById(zoe.id), zoe);
        assert.equal(await s.access.users.getUser('nobody'), undefined);
        await assert.rejects(() =>
          s.access.users.addUser({ name: 'amy', role: 'admin', scopes: [], passwordHash: null }),
        );
        assert.deepEqual(
          (await s.access.users.listUsers()).map((u) => u.name),
          ['amy', 'zoe'],
        );
        await s.access.users.removeUser(zoe.id);
        assert.equal(await s.access.users.getUserById(zoe.id), undefined);
        assert.deepEqual(
          (await s.access.users.listUsers()).map((u) => u.name),
          ['amy'],
        );
      }));

    it('finds tokens by id with their secret hash, keeps expiry, and revokes once', () =>
      withStores(open, async (s) => {
        const secretHash = createHash('sha256').update('secret-part').digest('hex');
        const live = await s.access.tokens.insertToken({
          id: 'tg_b1',
          userId: 7,
          label: 'ci',
          secretHash,
          expiresAt: '2027-01-01T00:00:00.000Z',
        });
        assert.match(live.createdAt, ISO);
        assert.equal(live.revokedAt, null);
        await s.access.tokens.insertToken({
          id: 'tg_a2',
          userId: 7,
          label: 'laptop',
          secretHash: 'h2',
          expiresAt: null,
        });
        await s.access.tokens.insertToken({
          id: 'tg_c3',
          userId: 8,
          label: 'other',
          secretHash: 'h3',
          expiresAt: null,
        });
        assert.deepEqual(await s.access.tokens.getToken('tg_b1'), live);
        assert.equal(await s.access.tokens.getToken('tg_zz'), undefined);
        await assert.rejects(() =>
          s.access.tokens.insertToken({
            id: 'tg_b1',
            userId: 8,
            label: 'again',
            secretHash: 'x',
            expiresAt: null,
          }),
        );
        assert.deepEqual((await s.access.tokens.listTokens(7)).map((t) => t.id).sort(), ['tg_a2', 'tg_b1']);
        assert.equal((await s.access.tokens.listTokens()).length, 3);

        await s.access.tokens.revokeToken('tg_a2');
        const revoked = await s.access.tokens.getToken('tg_a2');
        assert.match(revoked?.revokedAt ?? '', ISO);
        await new Promise((resolve) => setTimeout(resolve, 5));
        await s.access.tokens.revokeToken('tg_a2');
        assert.equal(
          (await s.access.tokens.getToken('tg_a2'))?.revokedAt,
          revoked?.revokedAt,
          'revoked once',
        );

        await s.access.tokens.insertToken({
          id: 'tg_a0',
          userId: 7,
          label: 'new',
          secretHash: 'h4',
          expiresAt: null,
        });
        assert.deepEqual(
          await s.access.tokens.revokeUserTokens(7),
          ['tg_a0', 'tg_b1'],
          'only live ones, by id',
        );
        assert.deepEqual(await s.access.tokens.revokeUserTokens(7), []);
        assert.equal((await s.access.tokens.getToken('tg_a2'))?.revokedAt, revoked?.revokedAt);
        assert.equal(
          (await s.access.tokens.getToken('tg_c3'))?.revokedAt,
          null,
          "another user's token stays live",
        );
      }));

    it('chains audit entries, filters them and reads them all back in order', () =>
      withStores(open, async (s) => {
        assert.equal(await s.access.audit.lastEntry(), undefined);
        const written: AuditEntry[] = [];
        written.push(await appendAudit(s, 'user:amy', 'budgets.set', 'budget:web', { amount: '10.5' }));
        written.push(await appendAudit(s, 'user:zoe', 'budgets.remove', 'budget:web'));
        written.push(
          await appendAudit(s, 'cli:root', 'budgetsx.set', 'budget:x', {
            nested: { b: 2, a: 1 },
            text: `it's "quoted" \\ ünïcödé 💸 \u0000 $1`,
          }),
        );
        written.push(await appendAudit(s, 'user:amy', 'tokens.create', 'token:tg_1'));
        assert.deepEqual(await s.access.audit.lastEntry(), written[3]);
        const actions = async (filter: Parameters<typeof s.access.audit.listEntries>[0]) =>
          (await s.access.audit.listEntries(filter)).map((e) => e.seq);
        assert.deepEqual(await actions({}), [1, 2, 3, 4]);
        assert.deepEqual(await actions({ actor: 'user:amy' }), [1, 4]);
        assert.deepEqual(await actions({ action: 'budgets' }), [1, 2], 'a prefix up to a dot, not budgetsx');
        assert.deepEqual(await actions({ action: 'budgets.set' }), [1]);
        assert.deepEqual(await actions({ target: 'budget:web' }), [1, 2]);
        assert.deepEqual(await actions({ afterSeq: 2, limit: 1 }), [3]);
        assert.deepEqual(await actions({ since: written[1]!.at, until: written[1]!.at }), []);
        assert.deepEqual(await actions({ since: written[0]!.at }), [1, 2, 3, 4]);
        assert.deepEqual(await actions({ until: '2000-01-01T00:00:00.000Z' }), []);
        assert.deepEqual((await s.access.audit.listEntries({ afterSeq: 2 }))[0], written[2]);
        const chain = await verifyStoredChain(s);
        assert.deepEqual(chain, {
          entries: 4,
          headHash: written[3]!.hash,
          problem: undefined,
          seqs: [1, 2, 3, 4],
        });
      }));

    it('appends a batch of chained entries after single ones (when the adapter batches)', () =>
      withStores(open, async (s) => {
        // Batching is optional in the port; an adapter without it has nothing to test here.
        const audit = s.access.audit as AuditLog & { appendEntries?(entries: AuditEntry[]): Promise<void> };
        if (!audit.appendEntries) return;
        await appendAudit(s, 'user:amy', 'gate.decide', 'gate:payments/production');
        const entries = await s.transaction(async () => {
          const head = await audit.lastEntry();
          let prevHash = head?.hash ?? GENESIS_HASH;
          const batch = Array.from({ length: 7 }, (_, index) => {
            const entry = chainEntry(
              {
                actor: `user:u${index}`,
                tokenId: index % 2 ? `tg_${index}` : null,
                address: null,
                action: 'gate.decide',
                target: `gate:s${index}/production`,
                before: null,
                after: { decision: 'allow', inputs: { z: [1, 2], a: { c: null, b: '1.50' } } },
              },
              (head?.seq ?? 0) + index + 1,
              '2026-03-01T10:00:00.000Z',
              prevHash,
            );
            prevHash = entry.hash;
            return entry;
          });
          await audit.appendEntries!(batch);
          return batch;
        });
        await appendAudit(s, 'user:amy', 'gate.decide', 'gate:after/production');
        assert.deepEqual(await audit.listEntries({ afterSeq: 1, limit: 7 }), entries);
        const chain = await verifyStoredChain(s);
        assert.equal(chain.problem, undefined);
        assert.equal(chain.entries, 9);
      }));

    it('keeps one chain when many writers append at once', () =>
      withStores(open, async (s) => {
        await Promise.all(
          Array.from({ length: 12 }, (_, index) =>
            appendAudit(s, `user:u${index}`, 'jobs.run', `job:${index}`),
          ),
        );
        const chain = await verifyStoredChain(s);
        assert.equal(chain.problem, undefined);
        assert.equal(chain.entries, 12);
      }));

    it('moves jobs from queued to running to succeeded or failed, and fails the unfinished ones', () =>
      withStores(open, async (s) => {
        const jobs = s.access.jobs;
        const queued = await jobs.insertJob({
          id: 'job-1',
          kind: 'ingest',
          createdBy: 'amy',
          input: { path: '/x' },
        });
        assert.equal(queued.status, 'queued');
        assert.match(queued.createdAt, ISO);
        assert.deepEqual(await jobs.getJob('job-1'), queued);
        await new Promise((resolve) => setTimeout(resolve, 3));
        await jobs.insertJob({ id: 'job-2', kind: 'scheduled:alerts', createdBy: 'system', input: {} });
        await new Promise((resolve) => setTimeout(resolve, 3));
        await jobs.insertJob({ id: 'job-3', kind: 'scheduledx', createdBy: 'system', input: {} });
        await new Promise((resolve) => setTimeout(resolve, 3));
        await jobs.insertJob({
          id: 'job-4',
          kind: 'allocation',
          createdBy: 'amy',
          input: { period: '2026-01' },
        });

        await jobs.markRunning('job-1');
        const running = await jobs.getJob('job-1');
        assert.equal(running?.status, 'running');
        assert.match(running?.startedAt ?? '', ISO);
        await jobs.finishJob('job-1', { status: 'succeeded', result: { lines: 12, total: '10.5' } });
        const done = await jobs.getJob('job-1');
        assert.equal(done?.status, 'succeeded');
        assert.deepEqual(done?.result, { lines: 12, total: '10.5' });
        assert.equal(done?.error, null);
        assert.match(done?.finishedAt ?? '', ISO);

        await jobs.markRunning('job-2');
        await jobs.finishJob('job-2', { status: 'failed', error: { code: 'E_X', message: 'broke' } });
        assert.deepEqual((await jobs.getJob('job-2'))?.error, { code: 'E_X', message: 'broke' });
        assert.equal((await jobs.getJob('job-2'))?.result, null);

        const ids = async (filter: Parameters<typeof jobs.listJobs>[0]) =>
          (await jobs.listJobs(filter)).map((j) => j.id);
        assert.deepEqual(await ids({ limit: 10 }), ['job-4', 'job-3', 'job-2', 'job-1'], 'newest first');
        assert.deepEqual(await ids({ limit: 2 }), ['job-4', 'job-3']);
        assert.deepEqual(await ids({ kind: 'scheduled', limit: 10 }), ['job-2'], 'a prefix before a colon');
        assert.deepEqual(await ids({ status: 'succeeded', limit: 10 }), ['job-1']);

        await jobs.markRunning('job-4');
        const interrupted = { code: 'JOB_INTERRUPTED', message: 'the server stopped' };
        const failed = await jobs.failUnfinishedJobs(interrupted);
        assert.deepEqual(
          failed.map((j) => [j.id, j.status, j.error]),
          [
            ['job-3', 'queued', null],
            ['job-4', 'running', null],
          ],
          'as they were, oldest first',
        );
        for (const id of ['job-3', 'job-4']) {
          const job = await jobs.getJob(id);
          assert.equal(job?.status, 'failed');
          assert.deepEqual(job?.error, interrupted);
        }
        assert.equal((await jobs.getJob('job-1'))?.status, 'succeeded', 'finished jobs are left alone');
        assert.deepEqual(await jobs.failUnfinishedJobs(interrupted), []);
        assert.equal(await jobs.getJob('job-9'), undefined);
      }));

    it('records a webhook delivery once per provider and delivery id; recording it again updates it', () =>
      withStores(open, async (s) => {
        assert.equal(await s.access.deliveries.getDelivery('github', 'd-1'), undefined);
        const delivery = {
          provider: 'github',
          deliveryId: 'd-1',
          event: 'deployment_status',
          receivedAt: '2026-03-01T10:00:00.000Z',
          outcome: 'answer-failed',
          detail: { reason: 'timeout' },
        };
        await s.access.deliveries.saveDelivery(delivery);
        await s.access.deliveries.saveDelivery({ ...delivery, provider: 'gitlab' });
        await s.access.deliveries.saveDelivery({
          ...delivery,
          receivedAt: '2026-03-01T10:01:00.000Z',
          outcome: 'recorded',
          detail: { deployment: 'DEP-1' },
        });
        assert.deepEqual(await s.access.deliveries.getDelivery('github', 'd-1'), {
          ...delivery,
          outcome: 'recorded',
          detail: { deployment: 'DEP-1' },
        });
        assert.equal((await s.access.deliveries.getDelivery('gitlab', 'd-1'))?.outcome, 'answer-failed');
      }));
  });
}
