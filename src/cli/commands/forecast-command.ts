import type { Command } from 'commander';
import { forecastCosts, parseHorizon, type ScopeForecast } from '../../app/forecast/forecast-costs.js';
import {
  type ForecastConversion,
  forecastCostsInCurrency,
} from '../../app/forecast/forecast-costs-in-currency.js';
import { scoreForecastAccuracy } from '../../app/forecast/score-forecast-accuracy.js';
import { loadConfig } from '../../config/tollgate-config.js';
import {
  type CostFilter,
  isTimeDimension,
  parseDimension,
  parseMetric,
} from '../../core/costs/cost-query.js';
import { TollgateError } from '../../core/errors.js';
import { METHOD_DESCRIPTIONS } from '../../core/forecast/forecast-methods.js';
import { type GlobalOptions, printJson, withStores } from '../cli-context.js';
import { withIdentity } from '../cli-identity.js';
import { formatAmount } from '../output/format-amount.js';
import { renderTable } from '../output/render-table.js';

interface ForecastFlags {
  by?: string;
  filter: CostFilter[];
  horizon: string;
  metric: string;
  asOf?: string;
  history: string;
  save: boolean;
  currency: string;
  daily?: boolean;
  json?: boolean;
}

function forecastJson(result: ScopeForecast & { conversion?: ForecastConversion | null }, daily: boolean) {
  const { forecast } = result;
  return {
    scope: result.scopeKey,
    group: result.group,
    currency: result.currency,
    historyFrom: result.historyFrom,
    dataThrough: result.dataThrough,
    firstDay: forecast.firstForecastDay,
    horizonDays: forecast.days.length,
    method: forecast.method,
    reason: forecast.reason,
    backtest: forecast.backtest.map((b) => ({ method: b.method, mase: Number(b.mase.toFixed(4)) })),
    intervalSource: forecast.intervalSource,
    warnings: forecast.warnings,
    total: result.total,
    snapshotId: result.snapshotId,
    conversion: result.conversion ?? null,
    ...(daily
      ? {
          // The days as the API gives them: exact text whose sum is the total above.
          days: forecast.days.map((d) => ({
            date: d.date,
            point: d.point,
            lo80: d.lo80,
            hi80: d.hi80,
            lo95: d.lo95,
            hi95: d.hi95,
            usage: d.usage,
            recurring: d.recurring,
          })),
        }
      : {}),
  };
}
export async function runForecast(flags: ForecastFlags, command: Command) {
  const groupBy = flags.by ? parseDimension(flags.by) : undefined;
  if (groupBy && isTimeDimension(groupBy))
    throw new TollgateError(
      'FORECAST_BAD_DIMENSION',
      `--by ${groupBy}: forecasts are daily already; group by a cost dimension such as service or tag:team.`,
      'usage',
    );
  const horizon = parseHorizon(flags.horizon);
  const historyDays = parseHorizon(flags.history);
  // Saving a snapshot is a write (budgets:write for a token), made and audited as whoever runs
  // this; --no-save only reads, as the API's GET does.
  const request = {
    filters: flags.filter,
    metric: parseMetric(flags.metric),
    ...(groupBy ? { groupBy } : {}),
    horizon,
    ...(flags.asOf ? { asOf: flags.asOf } : {}),
    historyDays: Math.max(historyDays, 28),
  };
  const labels = { asOf: '--as-of', currency: '--currency' };
  // A converted forecast only reads: snapshots are kept, and scored, in their billing currency.
  const converted = flags.currency !== 'billing';
  const rateBasis = converted
    ? loadConfig({ db: command.optsWithGlobals<GlobalOptions>().db }).server.rateBasis
    : 'day';
  const results: (ScopeForecast & { conversion?: ForecastConversion | null })[] = await withIdentity(
    command,
    flags.save && !converted ? 'budgets:write' : 'budgets:read',
    (stores, identity) =>
      converted
        ? forecastCostsInCurrency(stores, request, flags.currency, rateBasis, labels)
        : forecastCosts(stores, { ...request, save: flags.save ? { actor: identity.actor } : false }, labels),
  );
  if (flags.json) {
    printJson({
      metric: flags.metric,
      horizonDays: horizon,
      forecasts: results.map((r) => forecastJson(r, Boolean(flags.daily))),
    });
    return;
  }
  const rows = results.map((r) => [
    groupBy ? (r.group ?? '(none)') : r.scopeKey,
    r.currency,
    formatAmount(r.total.point),
    `${formatAmount(r.total.lo80)}..${formatAmount(r.total.hi80)}`,
    `${formatAmount(r.total.lo95)}..${formatAmount(r.total.hi95)}`,
    r.forecast.method,
    r.forecast.backtest[0] ? r.forecast.backtest[0].mase.toFixed(3) : 'n/a',
    r.forecast.backtest.find((b) => b.method === 'seasonal-naive')?.mase.toFixed(3) ?? 'n/a',
  ]);
  const first = results[0]!;
  process.stdout.write(
    `Forecast of ${flags.metric} cost for ${horizon} days from ${first.forecast.firstForecastDay} (data through ${first.dataThrough})\n` +
      `${renderTable([groupBy ?? 'scope', 'currency', 'forecast', '80% interval', '95% interval', 'method', 'MASE', 'naive MASE'], rows, [2, 6, 7])}\n` +
      `Methods: ${Object.values(METHOD_DESCRIPTIONS).join('; ')}. MASE < 1 beats seasonal-naive's in-sample error; intervals: ${first.forecast.intervalSource}.\n` +
      results
        .flatMap((r) => r.forecast.warnings.map((w) => `note (${r.group ?? r.scopeKey}): ${w}\n`))
        .join('') +
      conversionText(results[0]?.conversion ?? null),
  );
}

/** Says how a converted forecast was converted (the rule and each rate), and that it was not saved. */
function conversionText(conversion: ForecastConversion | null): string {
  if (!conversion) return '';
  const rates = conversion.rates.map(
    (r) => `1 ${r.from} = ${r.oneUnit} ${conversion.currency} (${r.rateDay})`,
  );
  return `In ${conversion.currency}: ${conversion.rule}${rates.length ? `; ${rates.join(', ')}` : ''}. Not saved as a snapshot (snapshots are scored in billing currency).\n`;
}

export async function runForecastAccuracy(flags: { json?: boolean }, command: Command) {
  const rows = await withStores(command, (stores) => scoreForecastAccuracy(stores));
  // `forecast` has its own --json, which commander hands to the parent.
  if (flags.json || command.parent?.opts<{ json?: boolean }>().json) {
    printJson(rows);
    return;
  }
  if (rows.length === 0) {
    process.stdout.write(
      'No forecast has actuals for a whole horizon yet. Forecasts are stored by tollgate forecast; score them once their days have data.\n',
    );
    return;
  }
  process.stdout.write(
    `${renderTable(
      ['scope', 'currency', 'horizon', 'snapshots', 'MAPE', 'accuracy', 'actual', 'forecast'],
      rows.map((r) => [
        r.scopeKey,
        r.currency,
        `${r.horizonDays}d`,
        String(r.snapshots),
        r.mape === null ? 'n/a' : `${(r.mape * 100).toFixed(1)}%`,
        r.accuracy === null ? 'n/a' : `${(r.accuracy * 100).toFixed(1)}%`,
        formatAmount(r.actual),
        formatAmount(r.forecast),
      ]),
      [3, 4, 5, 6, 7],
    )}\n`,
  );
}
