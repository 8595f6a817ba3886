import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CompiledRuleSet } from '../../src/core/allocation/compile-rule-set.js';
import {
  type ClassifiedGroup,
  summariseClassifiedGroups,
} from '../../src/core/allocation/summarise-classified-groups.js';

const owner = (team: string | null, service: string | null = null) => ({
  team,
  service,
  costCentre: team ? `cc-${team}` : null,
  businessUnit: team ? 'bu' : null,
  environment: null,
});

const rules: CompiledRuleSet = {
  mapping: [
    { index: 0, id: 'by-tag', conditions: [], owner: owner('payments') },
    { index: 1, id: 'by-account', conditions: [], owner: owner('payments') },
    { index: 2, id: 'service-only', conditions: [], owner: owner(null, 'search-api') },
    { index: 3, id: 'search', conditions: [], owner: owner('search') },
  ],
  shared: [
    {
      index: 0,
      id: 'platform',
      conditions: [],
      method: 'even',
      driver: null,
      shares: null,
      targets: [{ index: 0, owner: owner('payments') }],
    },
  ],
  environmentAliases: [],
};

const group = (partial: Partial<ClassifiedGroup>): ClassifiedGroup => ({
  period: '2026-01',
  currency: 'USD',
  sharedRule: null,
  mappingRule: null,
  effectiveCost: '0',
  oversized: false,
  ...partial,
});

describe('summariseClassifiedGroups (weights from one grouped scan)', () => {
  it('sums the rules of one team exactly, per period and currency, and skips owners without a team', () => {
    const summary = summariseClassifiedGroups(rules, [
      group({ mappingRule: 0, effectiveCost: '0.1000000000000001' }),
      group({ mappingRule: 1, effectiveCost: '0.2000000000000002' }),
      group({ mappingRule: 1, currency: 'EUR', effectiveCost: '-5' }),
      group({ mappingRule: 2, effectiveCost: '99' }),
      group({ mappingRule: 3, period: '2026-02', effectiveCost: '7.5' }),
      group({ effectiveCost: '42' }),
    ]);
    const byKey = Object.fromEntries(
      summary.directTotals.map((row) => [`${row.period}|${row.currency}|${row.team}`, row.effectiveCost]),
    );
    assert.deepEqual(byKey, {
      '2026-01|USD|payments': '0.3000000000000003',
      '2026-01|EUR|payments': '-5',
      '2026-02|USD|search': '7.5',
    });
    assert.deepEqual(summary.sharedKeys, []);
    assert.equal(summary.oversized, false);
  });

  it('lists every group to split and flags an oversized line only when it is to be split', () => {
    const direct = summariseClassifiedGroups(rules, [
      group({ mappingRule: 0, effectiveCost: '20000000000', oversized: true }),
      group({ sharedRule: 0, currency: 'EUR', effectiveCost: '3' }),
    ]);
    assert.deepEqual(direct.sharedKeys, [{ period: '2026-01', currency: 'EUR', ruleIndex: 0 }]);
    assert.equal(direct.oversized, false, 'a large line mapped whole to an owner needs no split');
    const shared = summariseClassifiedGroups(rules, [
      group({ sharedRule: 0, effectiveCost: '20000000000', oversized: true }),
    ]);
    assert.equal(shared.oversized, true);
  });
});
