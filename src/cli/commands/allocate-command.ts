import type { Command } from 'commander';
import { share } from '../../app/allocation/preview-rules.js';
import { allocatePeriods } from '../../app/allocation/run-allocation.js';
import { printJson } from '../cli-context.js';
import { withIdentity } from '../cli-identity.js';
import { formatAmount } from '../output/format-amount.js';
import { renderOwnerSources } from '../output/render-owner-sources.js';
import { renderTable } from '../output/render-table.js';
export async function runAllocate(flags: { period: string; json?: boolean }, command: Command) {
  const summary = await withIdentity(command, 'allocation:run', (stores, { actor }) =>
    allocatePeriods(stores, flags.period, actor, { period: '--period' }),
  );
  if (flags.json) return printJson(summary);
  const rows = summary.runs.flatMap((run) =>
    run.totals.map((total) => [
      run.period,
      String(run.id),
      `v${run.ruleSetVersion}`,
      total.currency,
      formatAmount(total.ingested.effectiveCost),
      formatAmount(total.allocated.effectiveCost),
      formatAmount(total.unallocated.effectiveCost),
      `${share(total.unallocated.effectiveCost, total.ingested.effectiveCost)}%`,
    ]),
  );
  const out = [
    renderTable(
      ['period', 'run', 'rules', 'currency', 'ingested', 'allocated', 'unallocated', 'unallocated %'],
      rows,
      [4, 5, 6, 7],
    ),
    'Effective cost; billed cost is allocated the same way. Allocated + unallocated = ingested, exactly, for both.',
  ];
  for (const run of summary.runs) {
    const teams = run.ownerSources?.find((sources) => sources.dimension === 'team');
    if (teams)
      out.push(
        `${run.period}: each team's cost by how it was assigned (every owner dimension in --json):`,
        renderOwnerSources('team', teams.totals),
      );
  }
  if (summary.replacedRunIds.length > 0)
    out.push(`Replaced earlier runs: ${summary.replacedRunIds.join(', ')}.`);
  if (summary.skipped.length > 0) out.push(`No cost lines (skipped): ${summary.skipped.join(', ')}.`);
  for (const run of summary.runs)
    for (const split of run.emptySplits)
      out.push(
        `note: ${run.period} ${split.currency}: shared rule ${split.ruleId} left its cost unallocated: ${split.reason}`,
      );
  process.stdout.write(`${out.join('\n')}\n`);
}
