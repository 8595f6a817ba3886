import type { Command } from 'commander';
import { reportConformance } from '../../app/governance/conformance/report-conformance.js';
import { CONFORMANCE_CHECKS } from '../../core/governance/conformance/conformance-findings.js';
import { printJson, withStores } from '../cli-context.js';
import { formatAmount } from '../output/format-amount.js';
import { renderTable } from '../output/render-table.js';

export async function runConformance(
  flags: { from: string; to: string; team?: string; asOf?: string; findings?: boolean; json?: boolean },
  command: Command,
) {
  const report = await withStores(command, (stores) =>
    reportConformance(stores, flags, { from: '--from', to: '--to', team: '--team', asOf: '--as-of' }),
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
  const r = report.reviews;
  if (r.rule === null)
    lines.push('', 'Post-implementation reviews: the policy names no change that needs one.');
  else {
    lines.push(
      '',
      `Post-implementation reviews as of ${r.asOf} (within ${r.rule.withinDays} days of implementation, for ${[...r.rule.changeTypes.map((t) => `${t} changes`), ...r.rule.deploymentOutcomes.map((o) => `${o.replace('_', ' ')} deployments`), ...(r.rule.estimatedCostAbove ? [`estimates above ${formatAmount(r.rule.estimatedCostAbove)} ${c}`] : [])].join(', ')}): ${r.required} required, ${r.reviewed} held (${r.late} late), ${r.due} due, ${r.overdue} overdue`,
    );
    if (r.rows.length > 0)
      lines.push(
        renderTable(
          ['period', 'team', 'required', 'reviewed', 'due', 'overdue'],
          r.rows.map((row) => [
            row.period,
            row.team,
            String(row.required),
            String(row.reviewed),
            String(row.due),
            String(row.overdue),
          ]),
          [2, 3, 4, 5],
        ),
      );
    if (flags.findings && r.open.length > 0)
      lines.push(
        '',
        renderTable(
          ['change', 'service', 'team', 'implemented', 'due by', 'state', 'why'],
          r.open.map((item) => [
            item.changeId,
            item.service,
            item.team,
            item.implementedAt,
            item.dueAt,
            item.state,
            item.reasons.join(', '),
          ]),
        ),
      );
  }
  lines.push('', ...CONFORMANCE_CHECKS.map((check) => `${check}: ${report.rules[check]}`));
  process.stdout.write(`${lines.join('\n')}\n`);
}
