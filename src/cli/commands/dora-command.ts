import type { Command } from 'commander';
import { computeDoraReport } from '../../app/governance/dora/compute-dora-report.js';
import type { DoraMetrics } from '../../core/governance/dora/dora-2024.js';
import { printJson, withStores } from '../cli-context.js';
import { renderTable } from '../output/render-table.js';

const pct = (value: number | null) => (value === null ? '-' : `${(value * 100).toFixed(1)}%`);
const hours = (value: number | null) => (value === null ? '-' : `${value} h`);
const band = (value: string | null) => value ?? '-';

function row(name: string, m: DoraMetrics): string[] {
  return [
    name,
    `${m.deploymentFrequency.perWeek ?? '-'}/wk ${band(m.deploymentFrequency.band)}`,
    `${hours(m.changeLeadTime.medianHours)} ${band(m.changeLeadTime.band)}`,
    `${pct(m.changeFailRate.rate)} ${band(m.changeFailRate.band)}`,
    `${hours(m.failedDeploymentRecoveryTime.medianHours)} ${band(m.failedDeploymentRecoveryTime.band)}`,
    pct(m.deploymentReworkRate.rate),
    String(m.incidentsWithoutDeployment),
  ];
}

const HEADERS = [
  '',
  'deploy frequency',
  'lead time (median)',
  'change fail rate',
  'recovery (median)',
  'rework',
  'incidents w/o deployment',
];

export async function runDora(
  flags: {
    from?: string;
    to?: string;
    service?: string;
    team?: string;
    definitions?: boolean;
    json?: boolean;
  },
  command: Command,
) {
  const report = await withStores(command, (stores) =>
    computeDoraReport(stores, flags, { from: '--from', to: '--to' }),
  );
  if (flags.json) {
    printJson(report);
    return;
  }
  const lines = [
    `DORA ${report.version} (${report.source}), production deployments ${report.from.slice(0, 10)} to ${report.to.slice(0, 10)}; incident attribution window ${report.attributionWindowHours} h`,
    `${report.deploymentFrequency.deployments} deployments, ${report.changeFailRate.failures} failed (${report.failedDeploymentRecoveryTime.unrecoveredDeploymentIds.length} not yet recovered), ${report.deploymentReworkRate.rework} rework`,
    '',
    renderTable(HEADERS, [row('all', report)], [5, 6]),
    '',
    renderTable(
      ['team', ...HEADERS.slice(1)],
      report.byTeam.map((t) => row(t.team, t)),
      [5, 6],
    ),
    '',
    renderTable(
      ['service', ...HEADERS.slice(1)],
      report.byService.map((s) => row(s.service, s)),
      [5, 6],
    ),
  ];
  if (flags.definitions) {
    lines.push('', 'Definitions');
    for (const [metric, text] of Object.entries(report.definitions)) {
      lines.push(`- ${metric}: ${text}`, `  band: ${report.bands[metric as keyof typeof report.bands]}`);
    }
  } else lines.push('', 'tollgate dora --definitions prints what each figure counts and how it is banded.');
  process.stdout.write(`${lines.join('\n')}\n`);
}
