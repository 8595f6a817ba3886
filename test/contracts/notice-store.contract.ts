import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { GovernanceNotice } from '../../src/core/notices/governance-notice.js';
import type { Stores } from '../../src/ports/stores.js';

function notice(key: string, kind: GovernanceNotice['kind'] = 'approval-request'): GovernanceNotice {
  return {
    kind,
    key,
    title: `notice ${key}`,
    service: 'payments',
    environment: 'production',
    ownerTeam: 'team-pay',
    roles: kind === 'approval-request' ? ['cab'] : [],
    approvers: ['carl'],
    facts: [{ title: 'Estimated cost', value: '100.00 EUR' }],
    link: '/?view=approvals&change=CHG-1',
    at: '2026-05-20T08:00:00.000Z',
  };
}

const attempt = (error: string | null, at: string) => ({
  attempt: 1,
  at,
  httpStatus: error ? 500 : 200,
  error,
  durationMs: 3,
});

/** Governance notices on every engine: one per key, a delivery per active channel, retried until delivered. */
export function runNoticeStoreContract(engine: string, open: () => Promise<Stores>): void {
  describe(`Notice store (${engine})`, () => {
    let stores: Stores;
    let hooks: number[];
    before(async () => {
      stores = await open();
      const at = '2026-05-20T07:00:00Z';
      hooks = [];
      for (const url of ['https://a.example/hook', 'https://b.example/hook', 'https://c.example/hook'])
        hooks.push(
          (
            await stores.transaction(() =>
              stores.alerts.addWebhook({ url, format: 'json', secret: 's'.repeat(16), route: null }, at),
            )
          ).id,
        );
      await stores.transaction(() => stores.alerts.removeWebhook(hooks[2]!));
    });
    after(async () => {
      await stores?.close();
    });

    it('queues a notice once per key, with a pending delivery to each active channel only', async () => {
      const first = await stores.transaction(() =>
        stores.notices.queueNotice(notice('approval-request:CHG-1'), hooks, '2026-05-20T08:00:00.000Z'),
      );
      assert.ok(first);
      assert.deepEqual(first.notice, notice('approval-request:CHG-1'));
      const again = await stores.transaction(() =>
        stores.notices.queueNotice(notice('approval-request:CHG-1'), hooks, '2026-05-20T09:00:00.000Z'),
      );
      assert.equal(again, undefined);
      const pending = await stores.notices.pendingNoticeDeliveries();
      assert.deepEqual(
        pending.map((p) => [p.notice.id, p.webhookId, p.attempts]),
        [
          [first.id, hooks[0], 0],
          [first.id, hooks[1], 0],
        ],
      );
      assert.equal(pending[0]!.notice.createdAt, '2026-05-20T08:00:00Z');
      assert.equal((await stores.notices.listNotices(10)).length, 1);
    });

    it('keeps a failed delivery pending with its attempts counted, and stops once delivered', async () => {
      const second = (await stores.transaction(() =>
        stores.notices.queueNotice(
          notice('gate-denial:payments/production:v2:approvals', 'gate-denial'),
          [hooks[0]!],
          '2026-05-20T10:00:00.000Z',
        ),
      ))!;
      assert.deepEqual(
        (await stores.notices.pendingNoticeDeliveries(second.id)).map((p) => p.webhookId),
        [hooks[0]],
      );
      await stores.transaction(() =>
        stores.notices.recordNoticeAttempts(
          second.id,
          hooks[0]!,
          [attempt('HTTP 500', '2026-05-20T10:00:01.000Z'), attempt('HTTP 500', '2026-05-20T10:00:02.000Z')],
          false,
        ),
      );
      const [still] = await stores.notices.pendingNoticeDeliveries(second.id);
      assert.equal(still!.attempts, 2);
      await stores.transaction(() =>
        stores.notices.recordNoticeAttempts(
          second.id,
          hooks[0]!,
          [attempt(null, '2026-05-20T11:00:00.000Z')],
          true,
        ),
      );
      assert.deepEqual(await stores.notices.pendingNoticeDeliveries(second.id), []);
      const [newest, oldest] = await stores.notices.listNotices(10);
      assert.equal(newest!.id, second.id);
      assert.equal(newest!.notice.kind, 'gate-denial');
      assert.deepEqual(
        newest!.deliveries.map((d) => [d.webhookId, d.status, d.attempts, d.lastError, d.updatedAt]),
        [[hooks[0], 'delivered', 3, null, '2026-05-20T11:00:00Z']],
      );
      assert.deepEqual(
        oldest!.deliveries.map((d) => d.status),
        ['pending', 'pending'],
      );
      assert.deepEqual(
        (await stores.notices.listNotices(1)).map((n) => n.id),
        [second.id],
      );
    });

    it('leaves a removed channel out of the pending deliveries', async () => {
      await stores.transaction(() => stores.alerts.removeWebhook(hooks[1]!));
      assert.deepEqual(
        (await stores.notices.pendingNoticeDeliveries()).map((p) => p.webhookId),
        [hooks[0]],
      );
    });
  });
}
