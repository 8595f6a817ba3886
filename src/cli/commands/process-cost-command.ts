import type { Command } from 'commander';
import { computeServiceProcessCost } from '../../app/governance/deployments/compute-governance-kpis.js';
import { TollgateError } from '../../core/errors.js';
import { printJson, withStores } from '../cli-context.js';
import { formatAmount } from '../output/format-amount.js';
import { renderTable } from '../output/render-table.js';
export async function runProcessCost(
  flags: { service: string; last: string; setupCost: string; json?: boolean },
  command: Command,
) {
  if (!/^\d+$/.test(flags.last))
    throw new TollgateError('PROCESS_COST_USAGE', `--last '${flags.last}' is not a whole number.`, 'usage');
  const report = await withStores(command, (stores) =>
    computeServiceProcessCost(stores, flags.service, Number(flags.last), flags.setupCost, {
      last: '--last',
      setupCost: '--setup-cost',
    }),
  );
  if (flags.json) {
    printJson(report);
    return;
  }
  const c = report.currency;
  const row = (name: string, s: typeof report.current) => [
    name,
    formatAmount(s.runCost),
    formatAmount(s.opportunityCost),
    formatAmount(s.total),
    formatAmount(s.perChange),
    formatAmount(s.perMonth),
  ];
  process.stdout.write(
    [
      `${report.service}: ${report.changes} changes over ${report.months} month(s), ${c}; setup (one-off) ${formatAmount(report.setupCost)}`,
      renderTable(
        ['scenario', 'run', 'opportunity', 'total', 'per change', 'per month'],
        [row('current change models', report.current), row('small changes standard', report.whatIf)],
        [1, 2, 3, 4, 5],
      ),
      `saving per month: ${formatAmount(report.savingPerMonth)} ${c}`,
      ...report.assumptions.map((a) => `- ${a}`),
    ].join('\n') + '\n',
  );
}
