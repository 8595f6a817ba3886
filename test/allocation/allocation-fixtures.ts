import fc from 'fast-check';
import { type CompiledRuleSet, compileRuleSet } from '../../src/core/allocation/compile-rule-set.js';
import type { CostLineInput } from '../../src/core/allocation/evaluate-allocation.js';
import type { Condition, MatchField, RuleSet, SharedRule } from '../../src/core/allocation/rule-set-model.js';
import { unitsToAmount } from '../../src/core/allocation/split-amount.js';
import type { DriverValue } from '../../src/core/allocation/split-weights.js';
import { CatalogIndex } from '../../src/core/catalog/catalog-index.js';
import type { Catalog } from '../../src/core/catalog/catalog-model.js';

export const TEAMS = ['alpha', 'beta', 'gamma', 'delta'];
export const PERIODS = ['2026-01', '2026-02'];
const CURRENCIES = ['USD', 'EUR'];
const SERVICES = ['Amazon EC2', 'Amazon RDS', 'Azure SQL', 'Support'];
const TAG_KEYS = ['team', 'Team', 'TEAM', 'env', 'owner'];
const VALUES = ['alpha', 'beta', 'gamma', 'delta', 'prod', 'dev', 'Alpha', ''];

export const testCatalog: Catalog = {
  businessUnits: [{ id: 'bu', name: 'BU' }],
  costCentres: [
    { id: 'cc1', name: 'CC1', businessUnit: 'bu' },
    { id: 'cc2', name: 'CC2', businessUnit: 'bu' },
  ],
  teams: TEAMS.map((id, index) => ({ id, name: id, costCentre: index % 2 === 0 ? 'cc1' : 'cc2' })),
  services: [
    {
      id: 'svc-a',
      name: 'A',
      ownerTeam: 'alpha',
      costCentre: 'cc1',
      criticality: 'high',
      environments: ['production'],
    },
  ],
  environments: [{ id: 'production', name: 'Production', production: true }],
};
export const testCatalogIndex = new CatalogIndex(testCatalog);

/** Amounts at the stored scale: cents, sub-cent and large values, negatives (credits), zero. */
const amountArbitrary = fc
  .oneof(
    fc.bigInt({ min: -(10n ** 25n), max: 10n ** 25n }),
    fc.integer({ min: -1000, max: 1000 }).map((cents) => BigInt(cents) * 10n ** 14n),
    fc.constantFrom(0n, 1n, -1n, 7n),
  )
  .map(unitsToAmount);

export const lineArbitrary = fc.record({
  period: fc.constantFrom(...PERIODS),
  currency: fc.constantFrom(...CURRENCIES),
  billedCost: amountArbitrary,
  effectiveCost: amountArbitrary,
  service: fc.constantFrom(...SERVICES, null),
  account: fc.constantFrom('acc-1', 'acc-2', null),
  tags: fc.option(fc.dictionary(fc.constantFrom(...TAG_KEYS), fc.constantFrom(...VALUES), { maxKeys: 4 }), {
    nil: null,
  }),
});

export type LineRecord = typeof lineArbitrary extends fc.Arbitrary<infer T> ? T : never;

export function toLines(raw: LineRecord[]): CostLineInput[] {
  return raw.map((line, index) => ({
    key: `1|file.csv|${index + 1}`,
    period: line.period,
    currency: line.currency,
    billedCost: line.billedCost,
    effectiveCost: line.effectiveCost,
    columns: { service_name: line.service, sub_account_id: line.account },
    tags: line.tags,
  }));
}

const fieldArbitrary: fc.Arbitrary<MatchField> = fc.oneof(
  fc.constantFrom<MatchField>(
    { kind: 'column', column: 'service_name' },
    { kind: 'column', column: 'sub_account_id' },
  ),
  fc.record({
    kind: fc.constant('tag' as const),
    key: fc.constantFrom('team', 'env', 'Team'),
    ignoreKeyCase: fc.boolean(),
  }),
);

const conditionArbitrary: fc.Arbitrary<Condition> = fieldArbitrary.chain((field) =>
  fc.oneof(
    fc
      .constantFrom(...VALUES, ...SERVICES, 'acc-1')
      .map((value): Condition => ({ field, op: 'equals', value })),
    fc
      .uniqueArray(fc.constantFrom(...VALUES, ...SERVICES), { minLength: 1, maxLength: 3 })
      .map((values): Condition => ({ field, op: 'in', values })),
    fc.constantFrom('a', 'Am', 'pr', 'acc').map((value): Condition => ({ field, op: 'prefix', value })),
    fc
      .constantFrom('^a', 'ta$', 'R[DE]S', 'e.a')
      .map((pattern): Condition => ({ field, op: 'regex', pattern })),
    fc.boolean().map((missing): Condition => ({ field, op: 'missing', missing })),
  ),
);

const sharedArbitrary = fc
  .record({
    conditions: fc.array(conditionArbitrary, { maxLength: 2 }),
    method: fc.constantFrom('even', 'proportional', 'driver', 'fixed' as const),
    targets: fc.uniqueArray(fc.constantFrom(...TEAMS), { minLength: 1, maxLength: 4 }),
    cuts: fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 3, maxLength: 3 }),
  })
  .map(({ conditions, method, targets, cuts }): Omit<SharedRule, 'id' | 'line'> => {
    const rule: Omit<SharedRule, 'id' | 'line'> = { conditions, method, targets: [...targets].sort() };
    if (method === 'driver') rule.driver = 'cpu';
    if (method === 'fixed') {
      // Percentages in tenths that sum to exactly 100, often unevenly (33.3 / 33.3 / 33.4).
      const bounds = [0, ...cuts.slice(0, rule.targets.length - 1).sort((a, b) => a - b), 1000];
      rule.shares = Object.fromEntries(
        rule.targets.map((team, index) => [team, String((bounds[index + 1]! - bounds[index]!) / 10)]),
      );
    }
    return rule;
  });

export const ruleSetArbitrary: fc.Arbitrary<RuleSet> = fc
  .record({
    mapping: fc.array(
      fc.record({
        conditions: fc.array(conditionArbitrary, { maxLength: 2 }),
        team: fc.constantFrom(...TEAMS),
      }),
      { maxLength: 6 },
    ),
    shared: fc.array(sharedArbitrary, { maxLength: 3 }),
  })
  .map(({ mapping, shared }) => ({
    tagKeys: 'exact' as const,
    mapping: mapping.map((rule, index) => ({
      id: `map-${index}`,
      conditions: rule.conditions,
      set: { team: rule.team },
      line: index + 1,
    })),
    shared: shared.map((rule, index) => ({ ...rule, id: `shared-${index}`, line: 100 + index })),
  }));

export const driversArbitrary: fc.Arbitrary<DriverValue[]> = fc
  .array(
    fc.record({
      period: fc.constantFrom(...PERIODS),
      team: fc.constantFrom(...TEAMS),
      quantity: fc.oneof(
        fc.constant('0'),
        fc.integer({ min: 1, max: 5000 }).map((n) => (n / 7).toFixed(6)),
      ),
    }),
    { maxLength: 8 },
  )
  .map((values) => {
    const unique = new Map(values.map((value) => [`${value.period}|${value.team}`, value]));
    return [...unique.values()].map((value) => ({ ...value, driver: 'cpu' }));
  });

export function compileForTest(ruleSet: RuleSet): CompiledRuleSet {
  return compileRuleSet(ruleSet, testCatalogIndex);
}
