import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { parse as parseYaml } from 'yaml';
import { diffBudgetHistory, listBudgetHistory } from '../../app/budget/budget-history.js';
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
import { Decimal } from '../../core/money.js';
import { type GlobalOptions, printJson, withStores } from '../cli-context.js';
import { withIdentity } from '../cli-identity.js';
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
    `  actual to date:       ${money(s.actual)} (${new Decimal(s.actual).div(s.amount).times(100).toFixed(1)}% of budget); remaining ${money(s.remaining)}`,
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
  const result = await withIdentity(command, 'budgets:write', (stores, { actor, principal }) =>
    setBudget(
      stores,
      {
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
      },
      actor,
      principal,
    ),
  );
  if (flags.json)
    printJson({ action: result.action, version: result.version, budget: describeBudget(result.budget) });
  else
    process.stdout.write(
      `Budget ${name} ${result.action} (version ${result.version}): ${formatAmount(result.budget.amount)} ${result.budget.currency} per ${result.budget.period}.\n`,
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
  const removed = await withIdentity(command, 'budgets:write', (stores, { actor, principal }) =>
    removeBudget(stores, name, actor, principal),
  );
  if (flags.json) printJson({ removed: name, version: removed.version });
  else process.stdout.write(`Budget ${name} removed (version ${removed.version} records it).\n`);
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
  const results = await withIdentity(command, 'budgets:write', (stores, { actor, principal }) =>
    applyBudgets(stores, document, file, actor, principal),
  );
  if (flags.json) printJson(results);
  else
    for (const r of results) process.stdout.write(`Budget ${r.name} ${r.action} (version ${r.version}).\n`);
}

export async function runBudgetsHistory(name: string, flags: { json?: boolean }, command: Command) {
  const history = await withIdentity(command, 'budgets:read', (stores) => listBudgetHistory(stores, name));
  if (flags.json) {
    printJson(history);
    return;
  }
  const rows = history.map((v) => [
    String(v.version),
    v.changedAt,
    v.changedBy,
    v.change,
    v.budget ? `${formatAmount(v.budget.amount)} ${v.budget.currency} per ${v.budget.period}` : '-',
  ]);
  process.stdout.write(
    `${renderTable(['version', 'changed at (UTC)', 'by', 'change', 'amount'], rows, [0])}\n`,
  );
}

export async function runBudgetsDiff(
  name: string,
  flags: { from?: number; to?: number; json?: boolean },
  command: Command,
) {
  const diff = await withIdentity(command, 'budgets:read', (stores) =>
    diffBudgetHistory(stores, name, { from: flags.from, to: flags.to }, { from: '--from', to: '--to' }),
  );
  if (flags.json) {
    printJson(diff);
    return;
  }
  const show = (value: unknown) =>
    value === null ? '(none)' : Array.isArray(value) ? value.join(' ') : String(value);
  process.stdout.write(`Budget ${name}, version ${diff.from} -> ${diff.to}:\n`);
  if (diff.changes.length === 0) process.stdout.write('  no differences\n');
  for (const change of diff.changes)
    process.stdout.write(`  ${change.field}: ${show(change.before)} -> ${show(change.after)}\n`);
}
