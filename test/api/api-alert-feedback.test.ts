import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startApi } from './api-harness.js';

describe('alert feedback over HTTP', async () => {
  const api = await startApi();
  const alert = await api.stores.transaction(() =>
    api.stores.alerts.openAlert(
      {
        key: 'payments:anomaly:2026-05-16:spike',
        budget: 'payments',
        kind: 'anomaly',
        severity: 'page',
        title: 'spike',
        details: {},
      },
      '2026-05-20T08:00:00Z',
      false,
    ),
  );
  const path = `/api/v1/alerts/${alert.id}/feedback`;
  const post = (body: unknown, role: 'budget-owner' | 'viewer' | 'admin' = 'budget-owner') =>
    api.json(path, {
      method: 'POST',
      role,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('records a verdict as the token user, audited, and lists it with the counts', async () => {
    const recorded = await post({ verdict: 'false-positive', note: 'a planned load test' });
    assert.equal(recorded.status, 200, JSON.stringify(recorded.body));
    assert.equal(recorded.body.alertId, alert.id);
    assert.equal(recorded.body.verdict, 'false-positive');
    assert.equal(recorded.body.recordedBy, 'user:budget-owner-user');
    const audit = await api.stores.access.audit.listEntries({ action: 'alerts.feedback' });
    assert.equal(audit.length, 1);
    assert.equal(audit[0]!.actor, 'user:budget-owner-user');
    assert.equal(audit[0]!.target, `alert:${alert.id}`);
    const listed = await api.json('/api/v1/alerts/feedback', { role: 'viewer' });
    assert.equal(listed.status, 200, JSON.stringify(listed.body));
    assert.deepEqual(
      listed.body.feedback.map((f: { alertId: number; verdict: string; kind: string }) => [
        f.alertId,
        f.kind,
        f.verdict,
      ]),
      [[alert.id, 'anomaly', 'false-positive']],
    );
    assert.deepEqual(listed.body.tally.at(-1), {
      kind: 'all',
      truePositives: 0,
      falsePositives: 1,
      precision: 0,
    });
  });

  it('refuses a reader, a bad verdict, an unknown field and an unknown alert, changing nothing', async () => {
    const before = (await api.json('/api/v1/alerts/feedback')).body;
    const auditBefore = (await api.stores.access.audit.listEntries({})).length;
    const reader = await post({ verdict: 'true-positive' }, 'viewer');
    assert.equal(reader.status, 403);
    const bad = await post({ verdict: 'maybe' });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.code, 'ALERT_BAD_VERDICT');
    assert.match(bad.body.error.message, /verdict 'maybe' is not a verdict/);
    const extra = await post({ verdict: 'true-positive', by: 'someone else' });
    assert.equal(extra.status, 400);
    const missing = await post({});
    assert.equal(missing.status, 400);
    const unknown = await api.json('/api/v1/alerts/999999/feedback', {
      method: 'POST',
      role: 'admin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ verdict: 'true-positive' }),
    });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.error.code, 'ALERT_NOT_FOUND');
    assert.deepEqual((await api.json('/api/v1/alerts/feedback')).body, before);
    assert.equal((await api.stores.access.audit.listEntries({})).length, auditBefore);
  });
});
