import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TollgateError } from '../../src/core/errors.js';
import {
  type BreakGlass,
  type Freeze,
  validateBreakGlass,
  validateFreeze,
} from '../../src/core/governance/gate/deployment-calendar.js';
import { makePolicy, type POLICY_DOCUMENT } from './governance-fixtures.js';

const isCode = (code: string, text?: RegExp) => (error: unknown) =>
  error instanceof TollgateError && error.code === code && (text === undefined || text.test(error.message));

describe('parseGovernancePolicy', () => {
  it('accepts the fixture and fills defaults', () => {
    const policy = makePolicy();
    assert.equal(policy.changeModels.standard.financialSignOff, 'never');
    assert.equal(policy.changeModels.normal.approvals[1]!.quorum, 2);
  });
  const broken: [string, (d: typeof POLICY_DOCUMENT) => unknown, RegExp][] = [
    [
      'a window cron that does not parse',
      (d) => ({ ...d, windows: [{ environment: 'production', cron: '* 25 * * *' }] }),
      /windows\.0\.cron/,
    ],
    ['an unknown role', (d) => ({ ...d, roles: [{ person: 'x', role: 'king' }] }), /roles\.0\.role/],
    [
      'a quorum of zero',
      (d) => {
        d.changeModels.normal.approvals[0]!.quorum = 0;
        return d;
      },
      /quorum/,
    ],
    [
      'a threshold amount that is not a number',
      (d) => {
        d.changeModels.normal.thresholds[0]!.when.estimatedCostAbove = 'big';
        return d;
      },
      /estimatedCostAbove/,
    ],
    [
      'a missing change model',
      (d) => ({ ...d, changeModels: { standard: d.changeModels.standard } }),
      /changeModels\.normal/,
    ],
    ['an unknown key', (d) => ({ ...d, colour: 'blue' }), /colour|Unrecognized/],
    ['a bad currency', (d) => ({ ...d, currency: 'euros' }), /currency/],
  ];
  for (const [name, change, where] of broken) {
    it(`rejects ${name}`, () => {
      assert.throws(() => makePolicy(change), isCode('POLICY_INVALID', where));
    });
  }
});

describe('freezes and break-glass', () => {
  const freeze: Freeze = {
    id: 'F1',
    environment: 'production',
    reason: 'year end',
    createdBy: 'rm',
    createdAt: '2026-11-01T00:00:00Z',
  };
  const rows: [string, Partial<Freeze>, string | null][] = [
    ['recurring', { cron: '* * 20-31 12 *' }, null],
    ['one-off', { from: '2026-12-20', until: '2027-01-02' }, null],
    ['a cron that does not parse', { cron: 'every day in december' }, 'CRON_INVALID'],
    ['both cron and dates', { cron: '* * * * *', from: '2026-12-20', until: '2027-01-02' }, 'FREEZE_INVALID'],
    ['neither', {}, 'FREEZE_INVALID'],
    ['ends before it starts', { from: '2026-12-20', until: '2026-12-01' }, 'FREEZE_INVALID'],
    ['a date that is not a date', { from: 'christmas', until: '2027-01-02' }, 'FREEZE_INVALID'],
    ['no reason', { cron: '* * * * *', reason: '' }, 'FREEZE_INVALID'],
  ];
  for (const [name, patch, code] of rows) {
    it(`freeze: ${name} -> ${code ?? 'valid'}`, () => {
      const run = () => validateFreeze({ ...freeze, ...patch });
      if (code === null) assert.doesNotThrow(run);
      else assert.throws(run, isCode(code));
    });
  }
  const glass: BreakGlass = {
    id: 'B1',
    environment: 'production',
    by: 'oncall',
    reason: 'outage',
    from: '2026-12-24T10:00:00Z',
    until: '2026-12-24T12:00:00Z',
    createdAt: '2026-12-24T10:00:00Z',
  };
  const glassRows: [string, Partial<BreakGlass>, string | null][] = [
    ['two hours', {}, null],
    ['no reason', { reason: '' }, 'BREAK_GLASS_INVALID'],
    ['no one', { by: '' }, 'BREAK_GLASS_INVALID'],
    ['negative duration', { until: '2026-12-24T09:00:00Z' }, 'BREAK_GLASS_INVALID'],
    ['longer than 72 hours', { until: '2026-12-31T12:00:00Z' }, 'BREAK_GLASS_INVALID'],
  ];
  for (const [name, patch, code] of glassRows) {
    it(`break-glass: ${name} -> ${code ?? 'valid'}`, () => {
      const run = () => validateBreakGlass({ ...glass, ...patch });
      if (code === null) assert.doesNotThrow(run);
      else assert.throws(run, isCode(code));
    });
  }
});
