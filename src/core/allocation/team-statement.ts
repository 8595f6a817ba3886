import { Decimal } from '../money.js';

export const CHARGEBACK_MODELS = ['showback', 'full', 'partial'] as const;
export type ChargebackModel = (typeof CHARGEBACK_MODELS)[number];

export interface StatementInputRow {
  kind: 'direct' | 'shared' | 'unallocated';
  ruleId: string | null;
  method: string | null;
  driver: string | null;
  service: string | null;
  providerName: string | null;
  serviceName: string | null;
  chargeCategory: string | null;
  environment: string | null;
  currency: string;
  billedCost: string;
  effectiveCost: string;
}

export interface Amounts {
  billedCost: string;
  effectiveCost: string;
}

export interface StatementCurrency {
  currency: string;
  direct: ({ service: string | null; provider: string | null; providerService: string | null } & Amounts)[];
  shared: ({ ruleId: string; method: string; driver: string | null } & Amounts)[];
  adjustments: ({ provider: string | null; providerService: string | null } & Amounts)[];
  credits: ({ provider: string | null; providerService: string | null } & Amounts)[];
  /** The whole total again, by the environment the allocation placed it in (null: none). */
  environments: ({ environment: string | null } & Amounts)[];
  totals: { direct: Amounts; shared: Amounts; adjustments: Amounts; credits: Amounts; total: Amounts };
  /** What the team is charged (effective cost) under the model, and what central IT absorbs. */
  recovery: { charged: string; subsidised: string };
}

/**
 * A team's bill for a period. Direct cost is grouped by catalogue service and provider service;
 * credits and adjustments (FOCUS ChargeCategory) are listed apart; shared costs by rule with
 * their method and driver. Charges use effective cost (commitments amortised to where they
 * were used). The total is also shown by environment (the allocated one; none stays none):
 * - showback: information only, nothing is charged;
 * - full: the team is charged its whole total;
 * - partial: central IT absorbs `subsidyPercent` of the shared costs; the rest is charged.
 * Amounts stay exact decimals; nothing is rounded.
 */
export function buildTeamStatement(
  rows: StatementInputRow[],
  model: ChargebackModel,
  subsidyPercent: string,
): StatementCurrency[] {
  const currencies = [...new Set(rows.map((row) => row.currency))].sort();
  return currencies.map((currency) => {
    const mine = rows.filter((row) => row.currency === currency);
    const category = (row: StatementInputRow) => (row.chargeCategory ?? '').toLowerCase();
    const directRows = mine.filter(
      (row) => row.kind === 'direct' && category(row) !== 'credit' && category(row) !== 'adjustment',
    );
    const credits = mine.filter((row) => row.kind === 'direct' && category(row) === 'credit');
    const adjustments = mine.filter((row) => row.kind === 'direct' && category(row) === 'adjustment');
    const shared = mine.filter((row) => row.kind !== 'direct');
    const group = <K extends string>(
      list: StatementInputRow[],
      keyOf: (row: StatementInputRow) => Record<K, string | null>,
    ) => {
      const groups = new Map<string, Record<K, string | null> & { billed: Decimal; effective: Decimal }>();
      for (const row of list) {
        const key = keyOf(row);
        const id = JSON.stringify(key);
        const entry = groups.get(id) ?? { ...key, billed: new Decimal(0), effective: new Decimal(0) };
        entry.billed = entry.billed.plus(row.billedCost);
        entry.effective = entry.effective.plus(row.effectiveCost);
        groups.set(id, entry);
      }
      return [...groups.values()]
        .sort((a, b) => b.effective.comparedTo(a.effective))
        .map(({ billed, effective, ...key }) => ({
          ...(key as unknown as Record<K, string | null>),
          billedCost: billed.toString(),
          effectiveCost: effective.toString(),
        }));
    };
    const sum = (list: StatementInputRow[]): Amounts => ({
      billedCost: list.reduce((acc, row) => acc.plus(row.billedCost), new Decimal(0)).toString(),
      effectiveCost: list.reduce((acc, row) => acc.plus(row.effectiveCost), new Decimal(0)).toString(),
    });
    const totals = {
      direct: sum(directRows),
      shared: sum(shared),
      adjustments: sum(adjustments),
      credits: sum(credits),
      total: sum(mine),
    };
    const subsidised =
      model === 'partial'
        ? new Decimal(totals.shared.effectiveCost).times(subsidyPercent).dividedBy(100)
        : new Decimal(0);
    const charged =
      model === 'showback' ? new Decimal(0) : new Decimal(totals.total.effectiveCost).minus(subsidised);
    return {
      currency,
      direct: group(directRows, (row) => ({
        service: row.service,
        provider: row.providerName,
        providerService: row.serviceName,
      })),
      shared: group(shared, (row) => ({
        ruleId: row.ruleId ?? '(none)',
        method: row.method ?? 'none',
        driver: row.driver,
      })).map((entry) => ({ ...entry, ruleId: entry.ruleId!, method: entry.method! })),
      adjustments: group(adjustments, (row) => ({
        provider: row.providerName,
        providerService: row.serviceName,
      })),
      credits: group(credits, (row) => ({ provider: row.providerName, providerService: row.serviceName })),
      environments: group(mine, (row) => ({ environment: row.environment })),
      totals,
      recovery: { charged: charged.toString(), subsidised: subsidised.toString() },
    };
  });
}
