import type { Command } from 'commander';
import { computeGovernanceKpis } from '../../app/governance/deployments/compute-governance-kpis.js';
import { printJson, withStores } from '../cli-context.js';
import { formatAmount } from '../output/format-amount.js';
import { renderTable } from '../output/render-table.js';

const pct = (value: number | null) => (value === null ? '-' : `${(value * 100).toFixed(1)}%`);
const hours = (value: number | null) => (value === null ? '-' : `${value} h`);
export async function runKpis(
  flags: { from?: string; to?: string; service?: string; json?: boolean },
  command: Command,
) {
  const kpis = await withStores(command, (stores) =>
    computeGovernanceKpis(stores, flags, { from: '--from', to: '--to' }),
  );
  if (flags.json) {
    printJson(kpis);
    return;
  }
  const { dora, itil, unitCosts } = kpis;
  const c = unitCosts.currency;
  const lines = [
    `Period ${kpis.period.from.slice(0, 10)} to ${kpis.period.to.slice(0, 10)}${kpis.service ? `, service ${kpis.service}` : ''}; DORA definitions ${dora.definitionsVersion}`,
    '',
    'DORA',
    renderTable(
      ['service', 'environment', 'deployment days', 'per week'],
      dora.deploymentFrequency.map((f) => [
        f.service,
        f.environment,
        String(f.deploymentDays),
        String(f.perWeek),
      ]),
      [2, 3],
    ),
    `lead time for changes: median ${hours(dora.leadTime.medianHours)}, p90 ${hours(dora.leadTime.p90Hours)} (${dora.leadTime.count} deployments)`,
    `change failure rate: ${pct(dora.changeFailureRate.rate)} (${dora.changeFailureRate.failures} of ${dora.deployments} production deployments, attribution window ${dora.attributionWindowHours} h)`,
    `time to restore: median ${hours(dora.timeToRestore.medianHours)}, p90 ${hours(dora.timeToRestore.p90Hours)} (${dora.timeToRestore.restored} of ${dora.timeToRestore.failures} failures restored)`,
    '',
    'ITIL',
    `deployment success rate: ${pct(itil.successRate.rate)} (${itil.successRate.succeeded}/${itil.successRate.deployments})`,
    `schedule adherence: ${pct(itil.scheduleAdherence.rate)} (${itil.scheduleAdherence.onTime}/${itil.scheduleAdherence.planned} releases on time${itil.scheduleAdherence.late.length ? `; late: ${itil.scheduleAdherence.late.join(', ')}` : ''})`,
    `backlog throughput: ${itil.backlogThroughput.closedPerWeek} changes closed per week (${itil.backlogThroughput.opened} opened, ${itil.backlogThroughput.closed} closed, ${itil.backlogThroughput.openAtEnd} open)`,
    `lead time to deploy: median ${hours(itil.leadTimeToDeploy.medianHours)} (${itil.leadTimeToDeploy.count} changes)`,
    '',
    'Unit costs',
    `per deployment ${unitCosts.perDeployment === null ? '-' : formatAmount(unitCosts.perDeployment)} ${c}; per rollback ${unitCosts.perRollback === null ? '-' : formatAmount(unitCosts.perRollback)} ${c} (${unitCosts.rollbacks} rollbacks); total ${formatAmount(unitCosts.total)} ${c}`,
    renderTable(
      ['environment', 'hours', 'cost', 'per hour'],
      unitCosts.perEnvironmentHour.map((e) => [
        e.environment,
        e.hours,
        formatAmount(e.cost),
        e.perHour === null ? '-' : formatAmount(e.perHour),
      ]),
      [1, 2, 3],
    ),
    '',
    renderTable(
      ['team', 'deployments/week', 'cost per deployment'],
      unitCosts.teamFrequencyVsCost.map((t) => [
        t.team,
        String(t.deploymentsPerWeek),
        formatAmount(t.perDeployment),
      ]),
      [1, 2],
    ),
    '',
    renderTable(
      ['month', 'service', 'team', 'deployments', 'cost'],
      unitCosts.byServiceMonth.map((m) => [
        m.month,
        m.service,
        m.team,
        String(m.deployments),
        formatAmount(m.cost),
      ]),
      [3, 4],
    ),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
