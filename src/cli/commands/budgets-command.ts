import { readFile } from 'node:fs/promises';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { parse as parseYaml } from 'yaml';
import {
  type BudgetStatusReport,
  reportBudgetStatus,
  todayUtc,
} from '../../app/budgets/budget-status-report.js';
import {
  applyBudgets,
  describeBudget,
  removeBudget,
  requireBudget,
  setBudget,
} from '../../app/budgets/manage-budgets.js';
import { TollgateError } from '../../core/errors.js';
import { printJson, withStores } from '../cli-context.js';
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

function burnRate(text: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0 || value > 1000)
    throw new InvalidArgumentError(
      'write a burn rate greater than 0 (1 spends the budget exactly by the period end).',
    );
  return value;
}

const collect = (text: string, all: string[]) => [...all, text];

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

export function registerBudgetsCommand(program: Command): void {
  const budgets = program
    .command('budgets')
    .description(
      'Budgets per scope and period: set, list, show (status and forecast), remove, apply a YAML file',
    );

  budgets
    .command('set')
    .description('Create or replace a budget')
    .argument('<name>', 'budget name: lower-case letters, digits, . _ -')
    .option(
      '--scope <dim=value>',
      'cost lines it covers, as costs --filter (tag:team=payments, service=...), repeatable',
      collect,
      [],
    )
    .addOption(
      new Option('--period <period>', 'budget period')
        .choices(['month', 'quarter', 'fiscal-year'])
        .default('month'),
    )
    .option('--fiscal-start <month>', 'first month of the fiscal year (1-12); quarters follow it', '1')
    .requiredOption('--amount <decimal>', 'amount per period, exact decimal, greater than zero')
    .requiredOption('--currency <code>', 'ISO 4217 currency of the amount (must match the data)')
    .addOption(
      new Option('--metric <metric>', 'cost metric')
        .choices(['billed', 'effective', 'list', 'contracted'])
        .default('effective'),
    )
    .addOption(new Option('--class <class>', 'expense class').choices(['opex', 'capex']).default('opex'))
    .option(
      '--threshold <basis:percent>',
      'alert threshold, e.g. actual:50 or forecast:100 (repeatable; default actual:50, forecast:80, forecast:100)',
      collect,
      [],
    )
    .option(
      '--page-fast-burn <x>',
      'page when the last day burns at this multiple of the daily budget (default 3)',
      burnRate,
    )
    .option('--page-slow-burn <x>', '...and the period so far at this multiple (default 1.1)', burnRate)
    .option(
      '--ticket-slow-burn <x>',
      'ticket when the period so far burns at this multiple (default 1.2)',
      burnRate,
    )
    .option('--json', 'print as JSON')
    .action(async (name: string, flags: SetFlags, command: Command) => {
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
    });

  budgets
    .command('list', { isDefault: true })
    .description('List budgets')
    .option('--json', 'print as JSON')
    .action(async (flags: { json?: boolean }, command: Command) => {
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
    });

  budgets
    .command('show')
    .description(
      'Status of a budget: actual to date, forecast to period end with interval, variance, days left, required burn rate',
    )
    .argument('<name>', 'budget name')
    .option('--as-of <date>', 'the day to report for (YYYY-MM-DD, default today UTC)')
    .option('--json', 'print as JSON')
    .action(async (name: string, flags: { asOf?: string; json?: boolean }, command: Command) => {
      const report = await withStores(command, async (stores) =>
        reportBudgetStatus(stores, await requireBudget(stores, name), flags.asOf ?? todayUtc(), {
          asOf: '--as-of',
        }),
      );
      if (flags.json) printJson(statusJson(report));
      else process.stdout.write(statusText(report));
    });

  budgets
    .command('remove')
    .description('Remove a budget (its alerts stay in the history)')
    .argument('<name>', 'budget name')
    .option('--json', 'print as JSON')
    .action(async (name: string, flags: { json?: boolean }, command: Command) => {
      await withStores(command, (stores) => removeBudget(stores, name));
      if (flags.json) printJson({ removed: name });
      else process.stdout.write(`Budget ${name} removed.\n`);
    });

  budgets
    .command('apply')
    .description('Create or replace every budget in a YAML file (budgets: [...]), all or nothing')
    .argument('<file>', 'budgets.yaml')
    .option('--json', 'print as JSON')
    .action(async (file: string, flags: { json?: boolean }, command: Command) => {
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
    });
}
