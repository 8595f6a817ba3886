import type { Command } from 'commander';
import { reportConformance } from '../../app/governance/conformance/report-conformance.js';
import { CONFORMANCE_CHECKS } from '../../core/governance/conformance/conformance-findings.js';
import { printJson, withStores } from '../cli-context.js';
import { formatAmount } from '../output/format-amount.js';
import { renderTable } from '../output/render-table.js';

export async function runConformance(
  flags: { from: string; to: string; team?: string; findings?: boolean; json?: boolean },
  command: Command,
) {
  const report = await withStores(command, (stores) =>
    reportConformance(stores, flags, { from: '--from', to: '--to', team: '--team' }),
  );
  if (flags.json) {
    printJson(report);
    return;
  }
  const c = report.currency;
  const lines = [
    `Conformance ${report.from.slice(0, 10)} to ${report.to.slice(0, 10)}${report.team ? `, team ${report.team}` : ''}: ${report.deployments} deployments to governed environments (${report.governedEnvironments.join(', ') || 'none: no environment is marked production'}), ${report.breaches} with a breach costing ${formatAmount(report.breachCost)} ${c}`,
  ];
  if (report.rows.length > 0)
    lines.push(
      renderTable(
        ['period', 'team', 'deployments', 'breaches', `breach cost ${c}`, ...CONFORMANCE_CHECKS],
        report.rows.map((row) => [
          row.period,
          row.team,
          String(row.deployments),
          String(row.breaches),
          formatAmount(row.breachCost),
          ...CONFORMANCE_CHECKS.map((check) => String(row.checks[check].count)),
        ]),
        [2, 3, 4, ...CONFORMANCE_CHECKS.map((_, i) => 5 + i)],
      ),
    );
  if (flags.findings && report.findings.length > 0)
    lines.push(
      '',
      renderTable(
        ['deployment', 'service', 'environment', 'started', 'change', `cost ${c}`, 'findings'],
        report.findings.map((f) => [
          f.deploymentId,
          f.service,
          f.environment,
          f.startedAt,
          f.changeId ?? '-',
          formatAmount(f.cost),
          f.checks.join(', '),
        ]),
        [5],
      ),
    );
  lines.push('', ...CONFORMANCE_CHECKS.map((check) => `${check}: ${report.rules[check]}`));
  process.stdout.write(`${lines.join('\n')}\n`);
}
