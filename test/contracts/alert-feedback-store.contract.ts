import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { listAlertFeedback, recordAlertFeedback } from '../../src/app/alerting/record-alert-feedback.js';
import type { Actor } from '../../src/app/audit/record-audit.js';
import type { Stores } from '../../src/ports/stores.js';
import { expectRefusal } from '../support/expect-refusal.js';

const OLIVIA: Actor = { name: 'olivia', tokenId: null, address: 'local' };
const BEA: Actor = { name: 'bea', tokenId: 'tok-1', address: '127.0.0.1' };

/** Alert feedback on every engine: one verdict per alert, replaced by a later one, audited. */
export function runAlertFeedbackContract(engine: string, open: () => Promise<Stores>): void {
  describe(`Alert feedback (${engine})`, () => {
    let stores: Stores;
    let spike: number;
    let threshold: number;
    before(async () => {
      stores = await open();
      const at = '2026-05-20T08:00:00Z';
      spike = (
        await stores.transaction(() =>
          stores.alerts.openAlert(
            {
              key: 'payments:anomaly:2026-05-16:spike',
              budget: 'payments',
              kind: 'anomaly',
              severity: 'page',
              title: 'spike',
              details: {},
            },
            at,
            false,
          ),
        )
      ).id;
      threshold = (
        await stores.transaction(() =>
          stores.alerts.openAlert(
            {
              key: 'search:2026-05:threshold',
              budget: 'search',
              kind: 'threshold',
              severity: 'ticket',
              title: 'threshold',
              details: {},
            },
            at,
            false,
          ),
        )
      ).id;
    });
    after(async () => {
      await stores?.close();
    });

    it('records a verdict, replaces it with a later one, and audits each with before and after', async () => {
      const first = await recordAlertFeedback(stores, OLIVIA, {
        id: String(spike),
        verdict: 'false-positive',
        note: '  planned load test ',
      });
      assert.equal(first.verdict, 'false-positive');
      assert.equal(first.note, 'planned load test');
      assert.equal(first.recordedBy, 'olivia');
      assert.match(first.recordedAt, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      assert.deepEqual(await stores.alertFeedback.getFeedback(spike), first);
      const second = await recordAlertFeedback(stores, BEA, { id: String(spike), verdict: 'TRUE-POSITIVE' });
      assert.equal(second.verdict, 'true-positive');
      assert.equal(second.note, null);
      assert.deepEqual(await stores.alertFeedback.getFeedback(spike), second);
      await recordAlertFeedback(stores, BEA, { id: String(threshold), verdict: 'false-positive' });
      const entries = await stores.access.audit.listEntries({ action: 'alerts.feedback' });
      assert.equal(entries.length, 3);
      const replaced = entries.find((entry) => entry.actor === 'bea' && entry.target === `alert:${spike}`)!;
      assert.deepEqual(replaced.before, first);
      assert.deepEqual(replaced.after, second);
      assert.equal(entries.find((entry) => entry.actor === 'olivia')!.before, null);
    });

    it('lists every verdict with its alert and counts them per kind', async () => {
      const { feedback, tally } = await listAlertFeedback(stores);
      assert.deepEqual(
        feedback.map((f) => [f.alertId, f.kind, f.budget, f.verdict]),
        [
          [spike, 'anomaly', 'payments', 'true-positive'],
          [threshold, 'threshold', 'search', 'false-positive'],
        ],
      );
      assert.deepEqual(tally, [
        { kind: 'anomaly', truePositives: 1, falsePositives: 0, precision: 1 },
        { kind: 'threshold', truePositives: 0, falsePositives: 1, precision: 0 },
        { kind: 'all', truePositives: 1, falsePositives: 1, precision: 0.5 },
      ]);
    });

    it('refuses an unknown alert, a verdict that is not one and a bad note, changing nothing', async () => {
      const feedbackBefore = await listAlertFeedback(stores);
      const auditBefore = (await stores.access.audit.listEntries({})).length;
      await expectRefusal(
        () => recordAlertFeedback(stores, OLIVIA, { id: '999999', verdict: 'true-positive' }),
        'ALERT_NOT_FOUND',
        'not-found',
        /No alert #999999/,
      );
      await expectRefusal(
        () => recordAlertFeedback(stores, OLIVIA, { id: 'x', verdict: 'true-positive' }),
        'ALERT_NOT_FOUND',
        'not-found',
        /No alert #x/,
      );
      await expectRefusal(
        () =>
          recordAlertFeedback(
            stores,
            OLIVIA,
            { id: String(spike), verdict: 'maybe' },
            { verdict: '--verdict' },
          ),
        'ALERT_BAD_VERDICT',
        'usage',
        /--verdict 'maybe' is not a verdict; say true-positive .* or false-positive/,
      );
      await expectRefusal(
        () =>
          recordAlertFeedback(stores, OLIVIA, {
            id: String(spike),
            verdict: 'false-positive',
            note: 'a\u0000b',
          }),
        'ALERT_BAD_NOTE',
        'usage',
        /note must be text/,
      );
      assert.deepEqual(await listAlertFeedback(stores), feedbackBefore);
      assert.equal((await stores.access.audit.listEntries({})).length, auditBefore);
    });
  });
}
