import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { loadDrivers } from '../../src/app/allocation/load-drivers.js';
import { applyCatalog } from '../../src/app/allocation/manage-catalog.js';
import { applyRules } from '../../src/app/allocation/manage-rules.js';
import { commandLineActor } from '../../src/app/audit/record-audit.js';
import type { Stores } from '../../src/ports/stores.js';
import { snapshotDatabase } from '../support/database-snapshot.js';
import { expectRefusal } from '../support/expect-refusal.js';
import { ingestFiles } from '../support/in-process-costs.js';
import { runCli } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-dir.js';
import { withStores } from '../support/with-stores.js';
import { writeFixture } from './cli-fixture.js';
import { cliSession, comparable } from './cli-session.js';

const dir = makeTempDir();
const paths = writeFixture(dir);

const { db, ok, json, refused, write } = cliSession(dir, 'refusals.duckdb');

describe('allocation refuses bad input, changing nothing', () => {
  before(async () => {
    assert.ok((await ingestFiles(db, [paths.billing])).rowsLoaded > 0);
    await withStores(db, (stores) => applyCatalog(stores, paths.catalog, commandLineActor()));
  });

  /** A use case called in-process must refuse (the command would exit 1) and change nothing. */
  async function refusedInProcess(code: string, work: (stores: Stores) => Promise<unknown>, message: RegExp) {
    const before = await snapshotDatabase(db);
    const said = await expectRefusal(() => withStores(db, work), code, 'invalid-input', message);
    assert.deepEqual(
      comparable(await snapshotDatabase(db), before),
      comparable(before, before),
      'a refused use case changed the database',
    );
    return said;
  }

  const catalogCases: [string, string, RegExp][] = [
    ['syntax', 'teams:\n  - id: a\n   name: [oops\n', /catalog-syntax\.yaml:\d+: YAML syntax/],
    [
      'unknown-field',
      'teams:\n  - id: payments\n    name: P\n    cost_centre: cc\n    colour: red\n',
      /unknown-field\.yaml:5: unknown field 'colour'/,
    ],
    [
      'unknown-reference',
      'business_units: [{id: bu, name: B}]\ncost_centres: [{id: cc, name: C, business_unit: bu}]\nteams:\n  - id: payments\n    name: P\n    cost_centre: nope\n',
      /unknown-reference\.yaml:6: unknown cost centre 'nope'/,
    ],
    [
      'cycle',
      'business_units: [{id: bu, name: B}]\ncost_centres: [{id: cc, name: C, business_unit: bu}]\nteams:\n  - {id: a, name: A, cost_centre: cc, parent: b}\n  - {id: b, name: B, cost_centre: cc, parent: a}\n',
      /cycle: a -> b -> a/,
    ],
    [
      'duplicate',
      'business_units: [{id: bu, name: B}]\ncost_centres: [{id: cc, name: C, business_unit: bu}]\nteams:\n  - {id: a, name: A, cost_centre: cc}\n  - {id: a, name: A2, cost_centre: cc}\n',
      /duplicate\.yaml:5: duplicate team id 'a' \(first defined at .*duplicate\.yaml:4\)/,
    ],
  ];
  for (const [name, text, message] of catalogCases) {
    it(`catalogue: ${name}`, async () => {
      const path = write(`catalog-${name}.yaml`, text);
      if (name === 'syntax') {
        const validate = await runCli(['catalog', 'validate', path]);
        assert.equal(validate.code, 1);
        assert.match(validate.stderr, message);
        assert.match(await refused('CATALOG_INVALID', 1, 'catalog', 'apply', path), message);
      }
      await refusedInProcess(
        'CATALOG_INVALID',
        (stores) => applyCatalog(stores, path, commandLineActor()),
        message,
      );
    });
  }

  const rule = (body: string) => `mapping:\n  - id: r1\n${body}`;
  const ruleCases: [string, string, RegExp][] = [
    [
      'syntax',
      'mapping:\n  - id: r1\n    when: {tag:team: [unclosed\n',
      /rules-syntax\.yaml:\d+: YAML syntax/,
    ],
    [
      'unknown-field',
      rule('    when: {tag:team: x}\n    set: {team: payments}\n    colour: red\n'),
      /rules-unknown-field\.yaml:5: unknown field 'colour'/,
    ],
    [
      'unknown-team',
      rule('    when: {tag:team: x}\n    set: {team: ghosts}\n'),
      /rules-unknown-team\.yaml:4: unknown team 'ghosts'/,
    ],
    [
      'unknown-service',
      rule('    when: {tag:team: x}\n    set: {service: nope}\n'),
      /rules-unknown-service\.yaml:4: unknown service 'nope'/,
    ],
    [
      'bad-regex',
      rule("    when:\n      resource_id: {regex: '(unclosed'}\n    set: {team: payments}\n"),
      /rules-bad-regex\.yaml:4: .*does not compile/,
    ],
    [
      'catastrophic-regex',
      rule("    when:\n      resource_id: {regex: '^(a+)+$'}\n    set: {team: payments}\n"),
      /rules-catastrophic-regex\.yaml:4: .*exponential time/,
    ],
    [
      'shares-99',
      'shared:\n  - id: s1\n    split: fixed\n    shares: {payments: 50, search: 49}\n',
      /rules-shares-99\.yaml:4: fixed shares of rule 's1' sum to 99, not 100/,
    ],
    [
      'unknown-column',
      rule('    when: {colour: red}\n    set: {team: payments}\n'),
      /rules-unknown-column\.yaml:3: .*unknown field 'colour'/,
    ],
    [
      'driver-without-name',
      'shared:\n  - id: s1\n    split: driver\n    targets: [payments]\n',
      /names none/,
    ],
  ];
  for (const [name, text, message] of ruleCases) {
    it(`rules: ${name}`, async () => {
      const path = write(`rules-${name}.yaml`, text);
      if (name === 'syntax') {
        const check = await runCli(['--db', db, 'rules', 'check', path]);
        assert.equal(check.code, 1, check.stderr);
        assert.match(check.stderr, message);
        assert.match(await refused('RULES_INVALID', 1, 'rules', 'apply', path), message);
      }
      await refusedInProcess(
        'RULES_INVALID',
        (stores) => applyRules(stores, path, { actor: commandLineActor() }),
        message,
      );
    });
  }

  it('rules check warns about rules that can never match', async () => {
    const path = write(
      'rules-dead.yaml',
      rule('    set: {team: payments}\n  - id: r2\n    when: {tag:team: search}\n    set: {team: search}\n'),
    );
    const check = await json<{ warnings: { line: number; message: string }[] }>('rules', 'check', path);
    assert.equal(check.warnings.length, 1);
    assert.match(check.warnings[0]!.message, /'r2' can never match: mapping rule 'r1'/);
  });

  const driverCases: [string, string, RegExp][] = [
    [
      'negative',
      'period,driver,team,quantity\n2026-01,cpu-hours,payments,-3\n',
      /drivers-negative\.csv:2: quantity -3 is negative/,
    ],
    [
      'missing',
      'period,driver,team,quantity\n2026-01,cpu-hours,payments,\n',
      /drivers-missing\.csv:2: quantity is missing/,
    ],
    [
      'unknown-team',
      'period,driver,team,quantity\n2026-01,cpu-hours,ghosts,3\n',
      /drivers-unknown-team\.csv:2: unknown team 'ghosts'/,
    ],
    ['header', 'month,driver,team,quantity\n', /drivers-header\.csv:1: the header must be/],
  ];
  for (const [name, text, message] of driverCases) {
    it(`drivers: ${name}`, async () => {
      const path = write(`drivers-${name}.csv`, `${text}2026-01,cpu-hours,search,5\n`);
      if (name === 'negative')
        assert.match(await refused('DRIVERS_INVALID', 1, 'drivers', 'load', path), message);
      await refusedInProcess(
        'DRIVERS_INVALID',
        (stores) => loadDrivers(stores, path, commandLineActor()),
        message,
      );
    });
  }

  it('allocating a period with no data, or without a rule set, says so', async () => {
    await refused('RULES_MISSING', 1, 'allocate', '--period', '2026-01');
    await ok('rules', 'apply', paths.rules);
    assert.match(
      await refused('ALLOC_NO_DATA', 1, 'allocate', '--period', '2025-06'),
      /no cost lines in billing period 2025-06/,
    );
  });

  it('bad periods are usage errors', async () => {
    await refused('PERIOD_BAD_FORMAT', 2, 'allocate', '--period', '2026-13');
    await refused('PERIOD_BAD_RANGE', 2, 'allocate', '--period', '2026-03..2026-01');
    await refused('PERIOD_NOT_ALLOCATED', 1, 'periods', 'close', '2026-02');
  });
});
