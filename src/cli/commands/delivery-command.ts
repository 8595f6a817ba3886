import type { Command } from 'commander';
import { reportCiCost, reportEnvironmentTco } from '../../app/governance/delivery/report-delivery-costs.js';
import { TollgateError } from '../../core/errors.js';
import { printJson, withStores } from '../cli-context.js';
import { formatAmount } from '../output/format-amount.js';
import { renderTable } from '../output/render-table.js';

const LABELS = { from: '--from', to: '--to', idleDays: '--idle-days', ciService: '--ci-service' };

export async function runDeliveryEnvironments(
  flags: { from: string; to: string; idleDays: string; json?: boolean },
  command: Command,
) {
  if (!/^\d+$/.test(flags.idleDays)) {
    throw new TollgateError(
      'DELIVERY_BAD_IDLE_DAYS',
      '--idle-days must be a whole number of days from 1 to 366.',
      'usage',
    );
  }
  const report = await withStores(command, (stores) =>
    reportEnvironmentTco(
      stores,
      { from: flags.from, to: flags.to, idleDays: Number(flags.idleDays) },
      LABELS,
    ),
  );
  if (flags.json) {
    printJson(report);
    return;
  }
  const lines = [
    `Allocated EffectiveCost per environment, ${report.from} to ${report.to} (exclusive); hours = days with cost x 24.`,
    renderTable(
      ['environment', 'currency', 'cost', 'days', 'hours', 'cost per hour'],
      report.environments.map((e) => [
        e.environment,
        e.currency,
        formatAmount(e.cost),
        String(e.daysWithCost),
        String(e.hours),
        formatAmount(e.costPerHour, 4),
      ]),
      [2, 3, 4, 5],
    ),
    `Idle (cost in the last ${report.idleDays} days, no deployment in them; traffic is not known to Tollgate):`,
    report.idle.length === 0
      ? '  none'
      : renderTable(
          ['service', 'environment', 'currency', `cost (${report.idleDays} days)`, 'last deployment'],
          report.idle.map((i) => [
            i.service,
            i.environment,
            i.currency,
            formatAmount(i.cost),
            i.lastDeployment ?? 'none recorded',
          ]),
          [3],
        ),
    ...report.warnings.map((w) => `warning: ${w}`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

export async function runDeliveryPipelines(
  flags: { from: string; to: string; ciService: string; json?: boolean },
  command: Command,
) {
  const report = await withStores(command, (stores) =>
    reportCiCost(stores, { from: flags.from, to: flags.to, ciService: flags.ciService }, LABELS),
  );
  if (flags.json) {
    printJson(report);
    return;
  }
  const lines = [
    `CI bill: allocated EffectiveCost of ${report.ciService}, ${report.from} to ${report.to} (exclusive), apportioned by pipeline minutes.`,
  ];
  for (const share of report.shares) {
    lines.push(
      `${share.currency}: bill ${formatAmount(share.bill)}, apportioned ${share.apportioned === null ? 'not (no minutes)' : `${formatAmount(share.apportioned)} (exact: ${share.reconciles ? 'reconciles' : 'DOES NOT reconcile'})`}, ${share.minutes} minutes`,
      `  per deployment ${share.costPerDeployment ?? '-'}, per rollback ${share.costPerRollback ?? '-'}, per minute ${share.costPerMinute ?? '-'}`,
      renderTable(
        ['pipeline (service)', 'deployments', 'minutes', `cost ${share.currency}`],
        share.pipelines.map((p) => [p.service, String(p.deployments), p.minutes, formatAmount(p.cost)]),
        [1, 2, 3],
      ),
    );
  }
  if (report.processCostPerDeployment) {
    lines.push(
      `Process (labour) cost per deployment from the change model: ${report.processCostPerDeployment.amount} ${report.processCostPerDeployment.currency}`,
    );
  }
  lines.push(...report.warnings.map((w) => `warning: ${w}`));
  process.stdout.write(`${lines.join('\n')}\n`);
}
