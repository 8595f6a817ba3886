import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { parse as parseYaml } from 'yaml';
import {
  type BudgetStatusReport,
  reportBudgetStatus,
  todayUtc,
} from '../../app/budget/budget-status-report.js';
import {
  applyBudgets,
  describeBudget,
  removeBudget,
  requireBudget,
  setBudget,
} from '../../app/budget/manage-budgets.js';
import { loadConfig } from '../../config/tollgate-config.js';
import { TollgateError } from '../../core/errors.js';
import { type GlobalOptions, printJson, withStores } from '../cli-context.js';
import { formatAmount } from '../output/format-amount.js';
import { renderTable } from '../output/render-table.js';

interface SetFlags {
  scope: string[];
  period: string;
  fiscalStart: string;
  amount: string;
  currency: string;
  metric: string;
  class: string;
  threshold: string[];
  pageFastBurn?: number;
  pageSlowBurn?: number;
  ticketSlowBurn?: number;
  json?: boolean;
}

function fiscalMonth(text: string): number {
  const month = Number(text);
  if (!Number.isInteger(month) || month < 1 || month > 12)
    throw new TollgateError(
      'BUDGET_INVALID',
      `--fiscal-start ${text} is not a month number from 1 to 12.`,
      'usage',
    );
  return month;
}

export function statusJson(report: BudgetStatusReport) {
  return report.status;
}

function statusText(report: BudgetStatusReport): string {
  const s = report.status;
  const money = (value: string) => `${formatAmount(value)} ${s.currency}`;
  const lines = [
    `Budget ${s.budget}: ${money(s.amount)} for ${s.period.label} (${s.period.start} to ${s.period.end}, exclusive), ${s.metric} cost`,
    `  as of ${s.asOf}; data through ${s.dataThrough ?? 'none'}; ${s.daysElapsed} days counted, ${s.daysLeft} days left`,
    `  actual to date:       ${money(s.actual)} (${((Number(s.actual) / Number(s.amount)) * 100).toFixed(1)}% of budget)`,
    `  forecast for period:  ${money(s.forecastTotal)}  80% ${formatAmount(s.forecastInterval.lo80)}..${formatAmount(s.forecastInterval.hi80)}  95% ${formatAmount(s.forecastInterval.lo95)}..${formatAmount(s.forecastInterval.hi95)}`,
    `  variance vs budget:   ${money(s.varianceVsBudget)} (${s.variancePercent > 0 ? '+' : ''}${s.variancePercent}%)`,
    `  vs previous forecast: ${s.varianceVsPreviousForecast === null ? 'no earlier forecast stored' : `${money(s.varianceVsPreviousForecast)} (was ${money(s.previousForecastTotal!)})`}`,
    `  run rate ${money(s.runRate)}/day; budgeted ${money(s.budgetedDailyRate)}/day; needed to land on budget ${money(s.requiredDailyRate)}/day`,
    `  method: ${s.method}${s.mase === null ? '' : ` (backtest MASE ${s.mase.toFixed(3)})`}; interval: ${s.intervalSource}`,
    ...s.warnings.map((warning) => `  note: ${warning}`),
  ];
  return `${lines.join('\n')}\n`;
}
export async function runBudgetsSet(name: string, flags: SetFlags, command: Command) {
  const burn = {
    ...(flags.pageFastBurn === undefined ? {} : { pageFastBurn: flags.pageFastBurn }),
    ...(flags.pageSlowBurn === undefined ? {} : { pageSlowBurn: flags.pageSlowBurn }),
    ...(flags.ticketSlowBurn === undefined ? {} : { ticketSlowBurn: flags.ticketSlowBurn }),
  };
  const result = await withStores(command, (stores) =>
    setBudget(stores, {
      name,
      scope: flags.scope,
      period: flags.period,
      fiscalYearStartMonth: fiscalMonth(flags.fiscalStart),
      amount: flags.amount,
      currency: flags.currency,
      metric: flags.metric,
      class: flags.class,
      ...(flags.threshold.length > 0 ? { thresholds: flags.threshold } : {}),
      ...(Object.keys(burn).length > 0 ? { burnRate: burn } : {}),
    }),
  );
  if (flags.json) printJson({ action: result.action, budget: describeBudget(result.budget) });
  else
    process.stdout.write(
      `Budget ${name} ${result.action}: ${formatAmount(result.budget.amount)} ${result.budget.currency} per ${result.budget.period}.\n`,
    );
}

export async function runBudgetsList(flags: { json?: boolean }, command: Command) {
  const all = await withStores(command, (stores) => stores.budgets.listBudgets());
  if (flags.json) {
    printJson(all.map(describeBudget));
    return;
  }
  if (all.length === 0) {
    process.stdout.write(
      'No budgets yet. Add one with tollgate budgets set or tollgate budgets apply budgets.yaml.\n',
    );
    return;
  }
  const rows = all.map((b) => {
    const d = describeBudget(b);
    return [
      d.name,
      d.scope.join(' & '),
      d.period,
      formatAmount(d.amount),
      d.currency,
      d.metric,
      d.class,
      d.thresholds.join(' '),
    ];
  });
  process.stdout.write(
    `${renderTable(['name', 'scope', 'period', 'amount', 'currency', 'metric', 'class', 'thresholds'], rows, [3])}\n`,
  );
}

export async function runBudgetsShow(
  name: string,
  flags: { asOf?: string; json?: boolean },
  command: Command,
) {
  const { rateBasis } = loadConfig({ db: command.optsWithGlobals<GlobalOptions>().db }).server;
  const report = await withStores(command, async (stores) =>
    reportBudgetStatus(
      stores,
      await requireBudget(stores, name),
      flags.asOf ?? todayUtc(),
      { asOf: '--as-of' },
      rateBasis,
    ),
  );
  if (flags.json) printJson(statusJson(report));
  else process.stdout.write(statusText(report));
}

export async function runBudgetsRemove(name: string, flags: { json?: boolean }, command: Command) {
  await withStores(command, (stores) => removeBudget(stores, name));
  if (flags.json) printJson({ removed: name });
  else process.stdout.write(`Budget ${name} removed.\n`);
}

export async function runBudgetsApply(file: string, flags: { json?: boolean }, command: Command) {
  let document: unknown;
  try {
    document = parseYaml(await readFile(file, 'utf8'));
  } catch (error) {
    throw new TollgateError(
      'BUDGET_FILE_INVALID',
      `Cannot read ${file} as YAML: ${(error as Error).message.split('\n')[0]}`,
      'invalid-input',
    );
  }
  const results = await withStores(command, (stores) => applyBudgets(stores, document, file));
  if (flags.json) printJson(results);
  else for (const r of results) process.stdout.write(`Budget ${r.name} ${r.action}.\n`);
}
