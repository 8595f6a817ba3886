import { parsePeriod } from '../../core/allocation/billing-period.js';
import {
  type ConvertedCurrency,
  convertStatementRows,
  type DatedStatementRow,
} from '../../core/allocation/convert-statement-rows.js';
import {
  buildTeamStatement,
  CHARGEBACK_MODELS,
  type ChargebackModel,
  type StatementCurrency,
} from '../../core/allocation/team-statement.js';
import { CatalogIndex } from '../../core/catalog/catalog-index.js';
import { RateTable } from '../../core/currency/rate-table.js';
import { isKnownCurrency } from '../../core/currency-codes.js';
import { TollgateError } from '../../core/errors.js';
import { type FieldLabels, labelOf } from '../../core/field-labels.js';
import { Decimal, isDecimalText } from '../../core/money.js';
import type { Stores } from '../../ports/stores.js';
import { listRatesBothWays, missingRates } from '../costs/convert-cost-report.js';

export interface TeamStatement {
  team: { id: string; name: string; costCentre: string; businessUnit: string | null };
  period: string;
  model: ChargebackModel;
  subsidyPercent: string;
  metric: 'effective';
  run: { id: number; ruleSetVersion: number; catalogVersion: number; loadIds: number[]; startedAt: string };
  closed: boolean;
  currencies: StatementCurrency[];
  /** Set when the statement was asked in one reporting currency: how each billing currency was converted. */
  conversion: StatementConversion | null;
}

export interface StatementConversion {
  currency: string;
  rateBasis: 'day';
  rounding: string;
  /** Each billing currency's own sums and the same sums converted; their converted sums add up to the totals. */
  byCurrency: ConvertedCurrency[];
}

const ROUNDING =
  "each charge day's amount x the day's rate, or / the stored rate of the other direction when only that one is stored, rounded half to even at 16 decimals";

/** The period's current allocation run and the catalogue it was allocated with. */
async function requireAllocatedCatalog(stores: Stores, period: string) {
  const run = await stores.allocation.runs.currentRun(period);
  if (!run) {
    throw new TollgateError(
      'ALLOC_NOT_RUN',
      `${period} has not been allocated yet; run the allocation for ${period} first.`,
      'conflict',
    );
  }
  const catalog = await stores.catalog.getCatalogVersion(run.catalogVersion);
  return { run, index: new CatalogIndex(catalog!.catalog) };
}

/**
 * Every team's statement of a period, one per team of the catalogue the period was allocated
 * with (in its order), under one chargeback model; a team with no cost gets its statement of
 * zeros, as finance expects one document per team.
 */
export async function buildAllStatements(
  stores: Stores,
  input: { period: string; model: string; subsidy?: string; currency?: string },
  labels: FieldLabels<'period' | 'model' | 'subsidy' | 'currency'> = {},
): Promise<TeamStatement[]> {
  const period = parsePeriod(input.period, labelOf(labels, 'period'));
  const { index } = await requireAllocatedCatalog(stores, period);
  const statements: TeamStatement[] = [];
  for (const team of index.teams.keys())
    statements.push(await buildStatement(stores, { ...input, team }, labels));
  return statements;
}

/** The team's statement from the period's current allocation run, under a chargeback model. */
export async function buildStatement(
  stores: Stores,
  input: { team: string; period: string; model: string; subsidy?: string; currency?: string },
  labels: FieldLabels<'period' | 'model' | 'subsidy' | 'currency'> = {},
): Promise<TeamStatement> {
  const period = parsePeriod(input.period, labelOf(labels, 'period'));
  const [modelField, subsidyField] = [labelOf(labels, 'model'), labelOf(labels, 'subsidy')];
  if (!(CHARGEBACK_MODELS as readonly string[]).includes(input.model)) {
    throw new TollgateError(
      'STATEMENT_BAD_MODEL',
      `${modelField} ${input.model} is not one of ${CHARGEBACK_MODELS.join(', ')}.`,
      'usage',
    );
  }
  const model = input.model as ChargebackModel;
  const subsidy = input.subsidy ?? '0';
  if (model !== 'partial' && input.subsidy !== undefined) {
    throw new TollgateError(
      'STATEMENT_BAD_SUBSIDY',
      `${subsidyField} applies to ${modelField} partial only.`,
      'usage',
    );
  }
  if (!isDecimalText(subsidy) || new Decimal(subsidy).isNegative() || new Decimal(subsidy).greaterThan(100)) {
    throw new TollgateError(
      'STATEMENT_BAD_SUBSIDY',
      `${subsidyField} ${subsidy} is not a percentage from 0 to 100.`,
      'usage',
    );
  }
  if (model === 'partial' && input.subsidy === undefined) {
    throw new TollgateError(
      'STATEMENT_BAD_SUBSIDY',
      `Partial recovery needs ${subsidyField}: the percentage of shared costs central IT absorbs.`,
      'usage',
    );
  }
  const { run, index } = await requireAllocatedCatalog(stores, period);
  const team = index.teams.get(input.team);
  if (!team) {
    throw new TollgateError(
      'STATEMENT_UNKNOWN_TEAM',
      `Team '${input.team}' is not in catalogue v${run.catalogVersion}, which ${period} was allocated with.`,
      'not-found',
    );
  }
  const rows = await stores.allocation.reports.statementRows(period, team.id);
  const converted =
    input.currency === undefined ? undefined : await convertRows(stores, rows, input.currency, labels);
  return {
    team: {
      id: team.id,
      name: team.name,
      costCentre: team.costCentre,
      businessUnit: index.costCentres.get(team.costCentre)?.businessUnit ?? null,
    },
    period,
    model,
    subsidyPercent: new Decimal(subsidy).toString(),
    metric: 'effective',
    run: {
      id: run.id,
      ruleSetVersion: run.ruleSetVersion,
      catalogVersion: run.catalogVersion,
      loadIds: run.loadIds,
      startedAt: run.startedAt,
    },
    closed: (await stores.allocation.periods.getClosedPeriod(period)) !== undefined,
    currencies: buildTeamStatement(converted?.rows ?? rows, model, subsidy),
    conversion: converted
      ? { currency: input.currency!, rateBasis: 'day', rounding: ROUNDING, byCurrency: converted.byCurrency }
      : null,
  };
}

/** The rows in `currency` at each charge day's rate; RATE_MISSING names each day without one. */
async function convertRows(
  stores: Stores,
  rows: DatedStatementRow[],
  currency: string,
  labels: FieldLabels<'currency'>,
) {
  if (!/^[A-Z]{3}$/.test(currency) || !isKnownCurrency(currency))
    throw new TollgateError(
      'CURRENCY_UNKNOWN',
      `${labelOf(labels, 'currency')} ${currency} is not an ISO 4217 code; write one such as EUR.`,
      'usage',
    );
  const foreignDays = rows.filter((row) => row.currency !== currency).map((row) => row.day);
  const rates = new RateTable(
    currency,
    foreignDays.length > 0 ? await listRatesBothWays(stores.exchangeRates, foreignDays, currency, 'day') : [],
  );
  const converted = convertStatementRows(rows, rates);
  if (converted.missing.length > 0) throw missingRates(converted.missing, currency, 'day');
  return converted;
}
