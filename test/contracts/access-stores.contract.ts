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

/** The contract every adapter of users, tokens, the audit log and webhook deliveries keeps (jobs: job-store.contract.ts). */
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

    it('appends a batch of chained entries after single ones', () =>
      withStores(open, async (s) => {
        const audit = s.access.audit;
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
          await audit.appendEntries(batch);
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

    it('looks up and records webhook deliveries in batches, as one at a time does', () =>
      withStores(open, async (s) => {
        const deliveries = s.access.deliveries;
        const delivery = (deliveryId: string, outcome: string, detail: unknown, provider = 'github') => ({
          provider,
          deliveryId,
          event: 'deployment_status',
          receivedAt: '2026-03-01T10:00:00.000Z',
          outcome,
          detail,
        });
        assert.deepEqual(await deliveries.getDeliveries('github', []), []);
        await deliveries.saveDeliveries([]);
        await deliveries.saveDelivery(delivery('d-1', 'answer-failed', { reason: 'timeout' }));
        await s.transaction(() =>
          deliveries.saveDeliveries([
            delivery('d-1', 'recorded', { deployment: 'DEP-1', text: `it's "quoted" \\ ünïcödé 💸 $1` }),
            delivery('d-2', 'ignored', null),
            delivery('d-3', 'deny', { reasons: ['over budget', 'frozen'], amount: '10.50' }),
            delivery('d-2', 'recorded', { n: 1 }, 'gitlab'),
          ]),
        );
        const byId = (found: { deliveryId: string }[]) =>
          [...found].sort((a, b) => a.deliveryId.localeCompare(b.deliveryId));
        const stored = byId(await deliveries.getDeliveries('github', ['d-3', 'd-9', 'd-1', 'd-2', 'd-1']));
        assert.deepEqual(stored, [
          delivery('d-1', 'recorded', { deployment: 'DEP-1', text: `it's "quoted" \\ ünïcödé 💸 $1` }),
          delivery('d-2', 'ignored', null),
          delivery('d-3', 'deny', { reasons: ['over budget', 'frozen'], amount: '10.50' }),
        ]);
        for (const one of stored)
          assert.deepEqual(await deliveries.getDelivery('github', one.deliveryId), one);
        assert.deepEqual(await deliveries.getDeliveries('gitlab', ['d-1', 'd-2']), [
          delivery('d-2', 'recorded', { n: 1 }, 'gitlab'),
        ]);
        assert.deepEqual(await deliveries.getDeliveries('argocd', ['d-1']), []);
      }));

    it('claims a signed body for one delivery id until it expires; a claim rolled back is not kept', () =>
      withStores(open, async (s) => {
        const deliveries = s.access.deliveries;
        const claim = (deliveryId: string, bodySha256: string, expiresAt: string, provider = 'generic') => ({
          provider,
          deliveryId,
          bodySha256,
          expiresAt,
        });
        const now = '2026-03-01T10:00:00.000Z';
        assert.equal(
          await deliveries.claimBody(claim('a', 'b1', '2026-03-01T10:10:00.000Z'), now),
          undefined,
        );
        assert.equal(
          await deliveries.claimBody(claim('a', 'b1', '2026-03-01T10:10:00.000Z'), now),
          undefined,
        );
        assert.equal(await deliveries.claimBody(claim('z', 'b1', '2026-03-01T10:10:00.000Z'), now), 'a');
        assert.equal(
          await deliveries.claimBody(claim('z', 'b1', '2026-03-01T10:10:00.000Z', 'github'), now),
          undefined,
        );
        assert.equal(
          await deliveries.claimBody(claim('z', 'b2', '2026-03-01T10:10:00.000Z'), now),
          undefined,
        );
        const later = '2026-03-01T10:10:00.001Z';
        assert.equal(
          await deliveries.claimBody(claim('y', 'b1', '2026-03-01T10:20:00.000Z'), later),
          undefined,
        );
        assert.equal(await deliveries.claimBody(claim('a', 'b1', '2026-03-01T10:20:00.000Z'), later), 'y');
        await assert.rejects(
          s.transaction(async () => {
            await deliveries.claimBody(claim('x', 'b3', '2026-03-01T10:20:00.000Z'), later);
            throw new Error('the effect failed');
          }),
          /the effect failed/,
        );
        assert.equal(
          await deliveries.claimBody(claim('w', 'b3', '2026-03-01T10:20:00.000Z'), later),
          undefined,
        );
      }));

    it('claims several bodies at once, in order, as one claim after another would', () =>
      withStores(open, async (s) => {
        const deliveries = s.access.deliveries;
        const claim = (deliveryId: string, bodySha256: string, expiresAt = '2026-03-01T10:10:00.000Z') => ({
          provider: 'generic',
          deliveryId,
          bodySha256,
          expiresAt,
        });
        const now = '2026-03-01T10:00:00.000Z';
        assert.deepEqual(await deliveries.claimBodies([], now), []);
        assert.equal(await deliveries.claimBody(claim('held', 'h1'), now), undefined);
        await deliveries.claimBody(
          claim('old', 'h2', '2026-03-01T09:59:59.999Z'),
          '2026-03-01T09:00:00.000Z',
        );
        assert.deepEqual(
          await deliveries.claimBodies(
            [
              claim('a', 'p1'),
              claim('b', 'p1'),
              claim('c', 'h1'),
              claim('held', 'h1'),
              claim('d', 'h2'),
              claim('a', 'p1'),
            ],
            now,
          ),
          [undefined, 'a', 'held', undefined, undefined, undefined],
          'a body earlier in the list, or held, answers its id; an expired claim is taken over',
        );
        assert.equal(await deliveries.claimBody(claim('z', 'p1'), now), 'a');
        assert.equal(await deliveries.claimBody(claim('z', 'h2'), now), 'd');
        await assert.rejects(
          s.transaction(async () => {
            await deliveries.claimBodies([claim('x', 'r1'), claim('y', 'r2')], now);
            throw new Error('the effect failed');
          }),
          /the effect failed/,
        );
        assert.deepEqual(await deliveries.claimBodies([claim('w', 'r1'), claim('v', 'r2')], now), [
          undefined,
          undefined,
        ]);
      }));

    it('leaves no delivery or audit entry behind when the transaction that recorded them fails', () =>
      withStores(open, async (s) => {
        await appendAudit(s, 'user:amy', 'budgets.set', 'budget:web');
        const head = await s.access.audit.lastEntry();
        await assert.rejects(
          s.transaction(async () => {
            await s.access.deliveries.saveDeliveries([
              {
                provider: 'github',
                deliveryId: 'd-1',
                event: 'deployment_status',
                receivedAt: '2026-03-01T10:00:00.000Z',
                outcome: 'recorded',
                detail: null,
              },
            ]);
            await appendAudit(s, 'user:amy', 'webhooks.github.deployment_status', 'delivery:github:d-1');
            throw new Error('half way');
          }),
          /half way/,
        );
        assert.deepEqual(await s.access.deliveries.getDeliveries('github', ['d-1']), []);
        assert.deepEqual(await s.access.audit.lastEntry(), head);
        const chain = await verifyStoredChain(s);
        assert.deepEqual([chain.entries, chain.problem], [1, undefined]);
      }));
  });
}
