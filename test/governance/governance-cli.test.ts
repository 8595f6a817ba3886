import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { createToken } from '../../src/app/access/manage-tokens.js';
import { addUser } from '../../src/app/access/manage-users.js';
import { applyCatalog } from '../../src/app/allocation/manage-catalog.js';
import { commandLineActor } from '../../src/app/audit/record-audit.js';
import { applyPolicy, applyRateCard } from '../../src/app/governance/apply-governance-config.js';
import { actingUser } from '../../src/app/governance/governance-context.js';
import { createReleaseFromYaml } from '../../src/app/governance/releases/manage-releases.js';
import { snapshotDatabase } from '../support/database-snapshot.js';
import { runCli } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-dir.js';
import { withStores } from '../support/with-stores.js';

const FIXTURES = new URL('./fixtures/', import.meta.url).pathname;
const fixture = (name: string) => join(FIXTURES, name);

describe('governance commands, run as a user runs them (built CLI, real DuckDB file)', () => {
  const dir = makeTempDir();
  const path = join(dir, 'tollgate.duckdb');
  const db = ['--db', path];
  const tg = (...args: string[]) => runCli([...db, ...args]);
  const tokens: Record<string, string> = {};

  /** What a refused command must not change: every table of the database (read between commands). */
  function state(): Promise<Record<string, string>> {
    return snapshotDatabase(path);
  }

  type Refusal = [args: string[], code: string, exit?: number];

  /** Runs each command, expects its error code and exit, and checks none of them changed the database. */
  async function refused(...refusals: Refusal[]): Promise<void> {
    const before = await state();
    for (const [args, code, exit = 1] of refusals) {
      const result = await tg(...args);
      assert.equal(result.code, exit, `${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, new RegExp(`error \\[${code}\\]`), args.join(' '));
    }
    assert.deepEqual(await state(), before, 'a refused command changed the database');
  }

  before(async () => {
    // Set up in-process through the use cases the commands call, acting as the commands would.
    const actor = actingUser(undefined, process.env);
    const read = (name: string) => readFileSync(fixture(name), 'utf8');
    await withStores(path, async (stores) => {
      await applyCatalog(stores, fixture('catalog.yaml'), commandLineActor());
      await applyRateCard(stores, read('rates.yaml'), fixture('rates.yaml'), actor);
      await applyPolicy(stores, read('governance.yaml'), fixture('governance.yaml'), actor);
      await createReleaseFromYaml(
        stores,
        read('release.yaml'),
        fixture('release.yaml'),
        actor,
        '2026-03-01T09:00:00Z',
      );
      // The people of the policy sign in with tokens: the CLI approves as the token's user.
      for (const person of ['olivia', 'mallory', 'cathy', 'chen', 'carl']) {
        await addUser(stores, commandLineActor(), { name: person, role: 'admin', scopes: [] });
        tokens[person] = (
          await createToken(stores, commandLineActor(), { user: person, label: 'cli', expiresIn: '1d' })
        ).token;
      }
    });
  });

  it('refuses a rate card with overlapping dates and a policy whose window does not parse', async () => {
    await refused(
      [['ratecard', 'apply', fixture('rates-overlap.yaml')], 'RATECARD_OVERLAP'],
      [['ratecard', 'apply', fixture('missing.yaml')], 'FILE_UNREADABLE', 2],
    );
  });

  it('release show, list and estimate', async () => {
    const show = await tg('release', 'show', 'R-2026-03', '--json');
    assert.equal(show.code, 0);
    assert.equal(JSON.parse(show.stdout).estimate.total, '4857.71');
    const list = await tg('release', 'list');
    assert.match(list.stdout, /R-2026-03\s+open/);
    const estimate = await tg('release', 'estimate', 'R-2026-03');
    assert.match(estimate.stdout, /total 4,857\.71 EUR/);
    await refused(
      [['release', 'show', 'R-none'], 'RELEASE_NOT_FOUND'],
      [['release', 'create', '--id', 'R-bad', '--name', 'x', '--service', 'payments'], 'RELEASE_INVALID', 2],
    );
  });

  it('log-time books labour at the rate card rate', async () => {
    const booked = await tg(
      'release',
      'log-time',
      'R-2026-03',
      '--person',
      'dev',
      '--role',
      'engineer',
      '--hours',
      '30',
      '--date',
      '2026-03-02',
      '--json',
    );
    assert.equal(booked.code, 0, booked.stderr);
    assert.equal(JSON.parse(booked.stdout).amount, '3000');
  });

  it('deploy record, with every bad deployment refused and nothing recorded', async () => {
    const base = [
      'deploy',
      'record',
      '--service',
      'payments',
      '--env',
      'production',
      '--version',
      'v1.4.0',
      '--start',
      '2026-03-04T10:00:00Z',
      '--end',
      '2026-03-04T10:30:00Z',
      '--outcome',
      'succeeded',
      '--pipeline-minutes',
      '25',
    ];
    const recorded = await tg(...base, '--release', 'R-2026-03', '--json');
    assert.equal(recorded.code, 0, recorded.stderr);
    assert.equal(JSON.parse(recorded.stdout).cost.total, '451.2');
    await refused(
      [[...base, '--release', 'R-2026-03'], 'DEPLOYMENT_DUPLICATE'],
      [['deploy', 'record', '--service', 'ghost', ...base.slice(4)], 'UNKNOWN_SERVICE'],
      [
        ['deploy', 'record', '--service', 'payments', '--env', 'moon', ...base.slice(6)],
        'UNKNOWN_ENVIRONMENT',
      ],
      [
        [...base.slice(0, 10), '--end', '2026-03-04T09:00:00Z', '--outcome', 'succeeded'],
        'DEPLOYMENT_END_BEFORE_START',
      ],
      [[...base.slice(0, 12), '--outcome', 'exploded'], 'DEPLOYMENT_BAD_FIELD'],
      [[...base, '--change-type', 'yolo'], 'DEPLOYMENT_USAGE', 2],
    );
  });

  it('deploy import: GitHub, GitLab and Argo CD bodies, the same delivery once, malformed bodies refused', async () => {
    for (const [format, file] of [
      ['github', 'github-deployment-status-success.json'],
      ['gitlab', 'gitlab-deployment-hook-success.json'],
      ['argocd', 'argocd-sync-failed.json'],
    ] as const) {
      const result = await tg('deploy', 'import', '--format', format, fixture(file));
      assert.equal(result.code, 0, `${format}: ${result.stderr}`);
      assert.match(result.stdout, new RegExp(`Recorded DEP-\\d+ from ${format}`));
    }
    await refused(
      [
        ['deploy', 'import', '--format', 'github', fixture('github-deployment-status-success.json')],
        'DEPLOYMENT_DUPLICATE',
      ],
      [
        ['deploy', 'import', '--format', 'github', fixture('github-deployment-status-truncated.body')],
        'DEPLOYMENT_IMPORT_MALFORMED',
      ],
      [
        ['deploy', 'import', '--format', 'gitlab', fixture('gitlab-push-hook-not-deployment.json')],
        'DEPLOYMENT_IMPORT_MALFORMED',
      ],
      [
        ['deploy', 'import', '--format', 'bitbucket', fixture('gitlab-push-hook-not-deployment.json')],
        'DEPLOYMENT_USAGE',
        2,
      ],
    );
    const pending = await tg(
      'deploy',
      'import',
      '--format',
      'github',
      fixture('github-deployment-status-in-progress.json'),
    );
    assert.equal(pending.code, 0);
    assert.match(pending.stdout, /Nothing recorded: deployment status 'in_progress' is not final/);
  });

  it('incident record and import', async () => {
    const recorded = await tg(
      'incident',
      'record',
      '--id',
      'INC-A',
      '--service',
      'payments',
      '--env',
      'production',
      '--start',
      '2026-03-04T11:00:00Z',
      '--severity',
      'sev2',
    );
    assert.equal(recorded.code, 0, recorded.stderr);
    await refused(
      [
        [
          'incident',
          'record',
          '--id',
          'INC-A',
          '--service',
          'payments',
          '--env',
          'production',
          '--start',
          '2026-03-04T11:00:00Z',
        ],
        'INCIDENT_DUPLICATE',
      ],
      [
        [
          'incident',
          'record',
          '--service',
          'payments',
          '--env',
          'production',
          '--start',
          '2026-03-04T11:00:00Z',
          '--resolved',
          '2026-03-04T10:00:00Z',
        ],
        'INCIDENT_END_BEFORE_START',
      ],
    );
    const imported = await tg(
      'incident',
      'import',
      fixture('incidents.json'),
      '--source',
      'pagerduty',
      '--json',
    );
    assert.deepEqual(JSON.parse(imported.stdout), { recorded: 2, skipped: 0 });
  });

  it('changes: request, refused approvals, approvals, sign-off; the gate denies then allows (exit 1, then 0)', async () => {
    const requested = await tg(
      'changes',
      'request',
      '--service',
      'payments',
      '--env',
      'production',
      '--release',
      'R-2026-03',
      '--version',
      'v1.5.0',
      '--estimate',
      '500',
      '--at',
      '2026-03-03T09:00:00Z',
      '--json',
    );
    assert.equal(requested.code, 0, requested.stderr);
    const id = JSON.parse(requested.stdout).id as string;
    // Who approves is who runs the command: a user's token, or (null) the OS user, who requested it.
    const approve = (by: string | null, role: string, ...extra: string[]) => [
      ...(by === null ? [] : ['--token', tokens[by]!]),
      'changes',
      'approve',
      id,
      '--role',
      role,
      '--at',
      '2026-03-03T12:00:00Z',
      ...extra,
    ];
    await refused(
      [approve(null, 'cab'), 'APPROVAL_BY_REQUESTER'],
      [approve('mallory', 'cab'), 'APPROVAL_ROLE_MISSING'],
    );
    assert.equal((await tg(...approve('olivia', 'service-owner'))).code, 0);
    await refused([approve('olivia', 'service-owner'), 'APPROVAL_DUPLICATE']);

    const gate = [
      'gate',
      '--service',
      'payments',
      '--env',
      'production',
      '--release',
      'R-2026-03',
      '--version',
      'v1.5.0',
      '--at',
      '2026-03-04T11:00:00Z',
    ];
    const denied = await tg(...gate, '--json');
    assert.equal(denied.code, 1);
    const decision = JSON.parse(denied.stdout);
    assert.equal(decision.decision, 'deny');
    assert.deepEqual(Object.keys(decision.reasons[0]), ['check', 'ok', 'detail']);
    assert.deepEqual(
      decision.reasons.filter((r: { ok: boolean }) => !r.ok).map((r: { check: string }) => r.check),
      ['approvals', 'sign-off'],
    );

    for (const [by, role] of [
      ['cathy', 'cab'],
      ['chen', 'cab'],
      ['carl', 'cab'],
    ])
      assert.equal((await tg(...approve(by!, role!))).code, 0);
    assert.equal((await tg(...approve('olivia', 'service-owner', '--sign-off'))).code, 0);
    const allowed = await tg(...gate, '--json');
    assert.equal(allowed.code, 0, allowed.stderr);
    const yes = JSON.parse(allowed.stdout);
    assert.equal(yes.decision, 'allow');
    assert.match(
      yes.reasons.find((r: { check: string }) => r.check === 'budget').detail,
      /budget 10000\.00 EUR, spent 3445\.20, this change 500\.00, headroom 6054\.80/,
    );
    const markdown = await tg(...gate, '--format', 'markdown');
    assert.match(markdown.stdout, /^### ✅ Tollgate: deployment allowed/);
    assert.match(markdown.stdout, /\| sign-off \| ✅ \|/);
    const shown = await tg('changes', 'show', id, '--json');
    assert.equal(JSON.parse(shown.stdout).approvals.length, 5);
  });

  it('gate usage errors exit 2', async () => {
    for (const args of [
      ['gate', '--env', 'production'],
      ['gate', '--service', 'ghost', '--env', 'production'],
      ['gate', '--service', 'payments', '--env', 'moon'],
      ['gate', '--service', 'payments', '--env', 'production', '--change-type', 'yolo'],
      ['gate', '--service', 'payments', '--env', 'production', '--estimate', 'lots'],
      ['gate', '--service', 'payments', '--env', 'production', '--format', 'html'],
    ]) {
      const result = await tg(...args);
      assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
    }
  });

  it('gate with no budget says so; the change model decides', async () => {
    const normal = await tg(
      'gate',
      '--service',
      'docs-site',
      '--env',
      'staging',
      '--at',
      '2026-03-04T11:00:00Z',
      '--json',
    );
    assert.equal(normal.code, 1);
    const budget = JSON.parse(normal.stdout).reasons.find((r: { check: string }) => r.check === 'budget');
    assert.equal(budget.ok, false);
    assert.match(budget.detail, /No budget is configured/);
    const emergency = await tg(
      'gate',
      '--service',
      'docs-site',
      '--env',
      'staging',
      '--change-type',
      'emergency',
      '--at',
      '2026-03-04T11:00:00Z',
      '--json',
    );
    assert.equal(
      JSON.parse(emergency.stdout).reasons.find((r: { check: string }) => r.check === 'budget').ok,
      true,
    );
  });

  it('freezes: a cron that does not parse is refused; a freeze denies; break-glass passes', async () => {
    await refused(
      [
        ['freeze', 'add', '--env', 'production', '--cron', 'every december', '--reason', 'year end'],
        'CRON_INVALID',
      ],
      [['freeze', 'add', '--env', 'production', '--reason', 'year end'], 'FREEZE_INVALID', 2],
    );
    assert.equal(
      (
        await tg(
          'freeze',
          'add',
          '--env',
          'production',
          '--cron',
          '* * 20-31 12 *',
          '--reason',
          'year-end freeze',
        )
      ).code,
      0,
    );
    const gate = [
      'gate',
      '--service',
      'payments',
      '--env',
      'production',
      '--release',
      'R-2026-03',
      '--version',
      'v1.5.0',
      '--at',
      '2026-12-22T10:00:00Z',
      '--json',
    ];
    const frozen = await tg(...gate);
    assert.equal(frozen.code, 1);
    assert.deepEqual(
      JSON.parse(frozen.stdout)
        .reasons.filter((r: { ok: boolean }) => !r.ok)
        .map((r: { check: string }) => r.check),
      ['freeze'],
    );
    await refused([
      ['freeze', 'break-glass', '--env', 'production', '--reason', 'outage', '--for', 'forever'],
      'BREAK_GLASS_INVALID',
      2,
    ]);
    const glass = await tg(
      'freeze',
      'break-glass',
      '--env',
      'production',
      '--reason',
      'payment outage',
      '--from',
      '2026-12-22T09:30:00Z',
      '--for',
      '2h',
    );
    assert.equal(glass.code, 0, glass.stderr);
    const passed = await tg(...gate);
    assert.equal(passed.code, 0, passed.stderr);
    assert.match(
      JSON.parse(passed.stdout).reasons.find((r: { check: string }) => r.check === 'freeze').detail,
      // Who broke the glass is who ran the command: the OS user.
      new RegExp(`break-glass by ${commandLineActor().name.replace(/^cli:/, '')}`),
    );
  });

  it('freeze import: an iCalendar file becomes freezes the gate names; broken files and zones change nothing', async () => {
    const notCalendar = join(dir, 'not-a-calendar.ics');
    writeFileSync(notCalendar, 'hello\n');
    const range = ['--from', '2026-03-01', '--until', '2026-05-01'];
    await refused(
      [['freeze', 'import', notCalendar, '--env', 'production', ...range], 'CALENDAR_INVALID'],
      [['freeze', 'import', join(dir, 'missing.ics'), '--env', 'production'], 'CALENDAR_UNREADABLE', 2],
      [
        ['freeze', 'import', fixture('change-calendar.ics'), '--env', 'production', '--time-zone', 'Berlin'],
        'TIME_ZONE_UNKNOWN',
        2,
      ],
      [
        [
          'freeze',
          'add',
          '--env',
          'production',
          '--cron',
          '* 16-23 * * 5',
          '--reason',
          'x',
          '--time-zone',
          'CET+1',
        ],
        'TIME_ZONE_UNKNOWN',
        2,
      ],
    );
    const imported = await tg(
      'freeze',
      'import',
      fixture('change-calendar.ics'),
      '--env',
      'production',
      ...range,
      '--time-zone',
      'Europe/Berlin',
      '--json',
    );
    assert.equal(imported.code, 0, imported.stderr);
    assert.equal(JSON.parse(imported.stdout).imported.length, 5);
    const gate = await tg(
      'gate',
      '--service',
      'payments',
      '--env',
      'production',
      '--release',
      'R-2026-03',
      '--version',
      'v1.5.1',
      '--at',
      '2026-03-27T15:30:00Z',
      '--json',
    );
    assert.equal(gate.code, 1, gate.stderr);
    const freeze = JSON.parse(gate.stdout).reasons.find((r: { check: string }) => r.check === 'freeze');
    assert.equal(freeze.ok, false);
    assert.match(freeze.detail, /No deploys on Friday afternoons \(calendar change-calendar\.ics/);
  });

  it('kpis and process-cost', async () => {
    const kpis = await tg('kpis', '--from', '2026-03-01', '--to', '2026-03-15', '--json');
    assert.equal(kpis.code, 0, kpis.stderr);
    const body = JSON.parse(kpis.stdout);
    assert.equal(body.dora.definitionsVersion, 'tollgate-dora-2');
    assert.equal(body.unitCosts.deployments, 4);
    const text = await tg('kpis', '--from', '2026-03-01', '--to', '2026-03-15');
    assert.match(text.stdout, /change failure rate/);
    assert.equal((await tg('kpis', '--from', 'soon')).code, 2);
    const process = await tg('process-cost', '--service', 'payments', '--last', '5', '--json');
    assert.equal(process.code, 0, process.stderr);
    assert.equal(JSON.parse(process.stdout).service, 'payments');
    assert.equal((await tg('process-cost', '--service', 'payments', '--last', 'x')).code, 2);
  });

  it('release actuals and rebaseline; delivery environments and pipelines', async () => {
    const actuals = await tg('release', 'actuals', 'R-2026-03');
    assert.equal(actuals.code, 0, actuals.stderr);
    assert.match(actuals.stdout, /labour booked\s+3,000\.00/);
    assert.match(actuals.stdout, /warning: No allocated cost for payments/);
    const json = JSON.parse((await tg('release', 'actuals', 'R-2026-03', '--json')).stdout);
    assert.equal(json.actuals.parts[0].amount, null);
    const estimate = join(dir, 'estimate.yaml');
    writeFileSync(estimate, 'labour:\n  - { role: engineer, hours: 50 }\n');
    const rebaselined = await tg(
      'release',
      'rebaseline',
      'R-2026-03',
      '--file',
      estimate,
      '--reason',
      'scope',
      '--json',
    );
    assert.equal(rebaselined.code, 0, rebaselined.stderr);
    assert.equal(JSON.parse(rebaselined.stdout).total, '5000');
    const pipelines = await tg(
      'delivery',
      'pipelines',
      '--from',
      '2026-03-01',
      '--to',
      '2026-04-01',
      '--ci-service',
      'payments',
      '--json',
    );
    assert.equal(pipelines.code, 0, pipelines.stderr);
    assert.match(JSON.parse(pipelines.stdout).warnings[0], /CI bill is missing, not zero/);
    const environments = await tg('delivery', 'environments', '--from', '2026-03-01', '--to', '2026-04-01');
    assert.equal(environments.code, 0, environments.stderr);
    await refused(
      [
        ['release', 'rebaseline', 'R-2026-03', '--file', estimate, '--reason', ' '],
        'REBASELINE_NO_REASON',
        2,
      ],
      [['release', 'rebaseline', 'R-none', '--file', estimate, '--reason', 'x'], 'RELEASE_NOT_FOUND'],
      [['release', 'actuals', 'R-none'], 'RELEASE_NOT_FOUND'],
      [['delivery', 'environments', '--from', 'soon', '--to', '2026-04-01'], 'DELIVERY_BAD_PERIOD', 2],
      [
        ['delivery', 'environments', '--from', '2026-03-01', '--to', '2026-04-01', '--idle-days', 'x'],
        'DELIVERY_BAD_IDLE_DAYS',
        2,
      ],
      [
        ['delivery', 'pipelines', '--from', '2026-03-01', '--to', '2026-04-01', '--ci-service', 'ghost'],
        'UNKNOWN_SERVICE',
      ],
    );
  });

  it('closing the release; approving a change of a closed release is refused', async () => {
    const requested = await tg(
      'changes',
      'request',
      '--service',
      'payments',
      '--env',
      'production',
      '--release',
      'R-2026-03',
      '--estimate',
      '100',
      '--json',
    );
    const id = JSON.parse(requested.stdout).id as string;
    const closed = await tg('release', 'close', 'R-2026-03', '--json');
    assert.equal(closed.code, 0, closed.stderr);
    await refused(
      [['--token', tokens.cathy!, 'changes', 'approve', id, '--role', 'cab'], 'RELEASE_CLOSED'],
      [['release', 'close', 'R-2026-03'], 'RELEASE_CLOSED'],
      [
        [
          'release',
          'log-time',
          'R-2026-03',
          '--person',
          'dev',
          '--role',
          'engineer',
          '--hours',
          '1',
          '--date',
          '2026-03-12',
        ],
        'RELEASE_CLOSED',
      ],
    );
  });
});
