import type { Command } from 'commander';
import { commandLineActor } from '../../app/audit/record-audit.js';
import { parseYamlText } from '../../app/governance/governance-context.js';
import { rebaselineRelease } from '../../app/governance/releases/rebaseline-release.js';
import { reportReleaseActuals } from '../../app/governance/releases/release-actuals-report.js';
import { printJson, withStores } from '../cli-context.js';
import { formatAmount } from '../output/format-amount.js';
import { renderTable } from '../output/render-table.js';
import { readInputFile } from './ratecard-command.js';

const PART_NAMES = {
  cloud: 'cloud (allocated bill)',
  labour: 'labour booked',
  pipeline: 'pipeline',
  deploymentProcess: 'deployment process',
} as const;

export async function runReleaseActuals(id: string, flags: { json?: boolean }, command: Command) {
  const report = await withStores(command, (stores) => reportReleaseActuals(stores, id));
  if (flags.json) {
    printJson(report);
    return;
  }
  const { actuals } = report;
  const c = actuals.currency;
  const lines = [
    `${report.release.id}  ${report.release.name}  [${report.release.status}]  services: ${report.release.services.join(', ')}`,
    `deployment window: ${actuals.window ? `${actuals.window.from} .. ${actuals.window.to}` : 'none (no deployment yet)'}; cloud by ${actuals.cloudMethod}`,
    renderTable(
      ['part', `amount ${c}`],
      actuals.parts.map((p) => [PART_NAMES[p.part], p.amount === null ? 'missing' : formatAmount(p.amount)]),
      [1],
    ),
    ...actuals.parts.map((p) => `${PART_NAMES[p.part]}: ${p.method}`),
    `actual ${formatAmount(actuals.known)} ${c}${actuals.complete ? '' : ' (incomplete: a part is missing, so this is a lower bound)'}`,
    renderTable(
      ['baseline', 'reason', `estimate ${c}`, `variance ${c}`, '%'],
      report.baselines.map((b) => [
        String(b.version),
        b.reason,
        formatAmount(b.estimate),
        formatAmount(b.variance),
        b.variancePercent ?? '-',
      ]),
      [0, 2, 3, 4],
    ),
    ...actuals.parts
      .filter((p) => p.part === 'cloud' && p.sources.length > 0)
      .flatMap((p) =>
        p.sources.map(
          (s) =>
            `  ${s.what} -> ${formatAmount(s.amount)} ${c}${s.costs ? `  (lines: tollgate costs --by resource${s.costs.from ? ` --from ${s.costs.from} --to ${s.costs.to}` : ''} ${s.costs.filters.map((f) => `--filter '${f}'`).join(' ')})` : ''}`,
        ),
      ),
    ...actuals.warnings.map((w) => `warning: ${w}`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

export async function runReleaseRebaseline(
  id: string,
  flags: { file: string; reason: string; at?: string; json?: boolean },
  command: Command,
) {
  const estimate = parseYamlText(await readInputFile(flags.file), flags.file);
  const baseline = await withStores(command, (stores) =>
    rebaselineRelease(
      stores,
      { releaseId: id, estimate, reason: flags.reason, at: flags.at },
      commandLineActor(),
      flags.file,
    ),
  );
  if (flags.json) printJson(baseline);
  else
    process.stdout.write(
      `Re-baselined ${id}: estimate version ${baseline.version}, total ${formatAmount(baseline.total)} (${baseline.reason}). The earlier estimates are kept.\n`,
    );
}
