import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-dir.js';
import { withStores } from '../support/with-stores.js';

describe('tollgate alerts feedback', async () => {
  const db = join(makeTempDir(), 'feedback.duckdb');
  const alert = await withStores(db, (stores) =>
    stores.transaction(() =>
      stores.alerts.openAlert(
        {
          key: 'payments:2026-05:threshold',
          budget: 'payments',
          kind: 'threshold',
          severity: 'ticket',
          title: '80% of budget',
          details: {},
        },
        '2026-05-20T08:00:00Z',
        false,
      ),
    ),
  );

  it('records a verdict as the local user, audited, and lists it with the counts', async () => {
    const recorded = await runCli([
      '--db',
      db,
      'alerts',
      'feedback',
      String(alert.id),
      '--verdict',
      'true-positive',
      '--note',
      'the budget was short',
      '--json',
    ]);
    assert.equal(recorded.code, 0, recorded.stderr);
    const feedback = JSON.parse(recorded.stdout);
    assert.equal(feedback.verdict, 'true-positive');
    assert.match(feedback.recordedBy, /^cli:/);
    const listed = await runCli(['--db', db, 'alerts', 'feedback-list']);
    assert.equal(listed.code, 0, listed.stderr);
    assert.match(listed.stdout, /#\d+\s+threshold\s+payments\s+true-positive/);
    assert.match(listed.stdout, /all: 1 true, 0 false positive\(s\), precision 1\.000/);
    const audit = await withStores(db, (stores) =>
      stores.access.audit.listEntries({ action: 'alerts.feedback' }),
    );
    assert.equal(audit.length, 1);
  });

  it('refuses a bad verdict (exit 2) and an unknown alert (exit 1), changing nothing', async () => {
    const bad = await runCli(['--db', db, 'alerts', 'feedback', String(alert.id), '--verdict', 'maybe']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /error \[ALERT_BAD_VERDICT\]: --verdict 'maybe' is not a verdict/);
    const unknown = await runCli(['--db', db, 'alerts', 'feedback', '999', '--verdict', 'false-positive']);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /error \[ALERT_NOT_FOUND\]/);
    const missing = await runCli(['--db', db, 'alerts', 'feedback', String(alert.id)]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /--verdict/);
    const feedback = await withStores(db, (stores) => stores.alertFeedback.listFeedback());
    assert.deepEqual(
      feedback.map((f) => f.verdict),
      ['true-positive'],
    );
  });
});
