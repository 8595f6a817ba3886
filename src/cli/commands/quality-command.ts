import type { Command } from 'commander';
import { defaultRequiredTags, measureQuality } from '../../app/allocation/measure-quality.js';
import { printJson, readServerSettings, withStores } from '../cli-context.js';
import { formatAmount } from '../output/format-amount.js';
import { renderTable } from '../output/render-table.js';
export async function runQuality(
  flags: { period: string; requiredTags?: string; top: number; json?: boolean },
  command: Command,
) {
  const report = await withStores(command, (stores) =>
    measureQuality(
      stores,
      {
        period: flags.period,
        requiredTags:
          flags.requiredTags === undefined
            ? defaultRequiredTags(readServerSettings(command).ownerTag)
            : flags.requiredTags.split(',').map((tag) => tag.trim()),
        top: flags.top,
      },
      { period: '--period', requiredTags: '--required-tags' },
    ),
  );
  if (flags.json) return printJson(report);
  const out = [
    `Allocation quality of ${report.period} (effective cost, ${report.lineCount.toLocaleString('en-US')} lines)`,
    '',
    'Tag coverage (share of spend carrying the tag):',
  ];
  out.push(
    renderTable(
      ['tag', 'currency', 'tagged', 'total', 'coverage %'],
      report.tagCoverage.map((row) => [
        row.tag,
        row.currency,
        formatAmount(row.taggedCost),
        formatAmount(row.total),
        row.percent,
      ]),
      [2, 3, 4],
    ),
  );
  out.push('');
  if (!report.unallocated)
    out.push(
      `Unallocated ratio: ${report.period} has not been allocated yet (tollgate allocate --period ${report.period}).`,
    );
  else
    for (const row of report.unallocated)
      out.push(
        `Unallocated ${row.currency}: ${formatAmount(row.unallocatedCost)} of ${formatAmount(row.total)} = ${row.percent}% (goal under ${row.goalPercent}%: ${row.withinGoal === null ? 'n/a' : row.withinGoal ? 'met' : 'NOT met'})`,
      );
  out.push('', 'Tag values not in the catalogue:');
  out.push(
    report.unknownTagValues.length === 0
      ? '  none'
      : renderTable(
          ['tag', 'value', 'currency', 'effective'],
          report.unknownTagValues.map((row) => [
            row.tag,
            row.value,
            row.currency,
            formatAmount(row.effectiveCost),
          ]),
          [3],
        ),
  );
  out.push('', 'Environment tags that name no catalogue environment (their cost is in no environment):');
  if (!report.unplacedEnvironmentTags)
    out.push(`  ${report.period} has not been allocated yet (tollgate allocate --period ${report.period}).`);
  else if (report.unplacedEnvironmentTags.length === 0) out.push('  none');
  else {
    out.push(
      renderTable(
        ['tag', 'value', 'names', 'currency', 'effective'],
        report.unplacedEnvironmentTags.map((row) => [
          row.tag,
          row.value,
          row.names ?? '(no environment word)',
          row.currency,
          formatAmount(row.effectiveCost),
        ]),
        [4],
      ),
    );
    const missing = [...new Set(report.unplacedEnvironmentTags.flatMap((row) => row.names ?? []))];
    if (missing.length > 0)
      out.push(
        `  The catalogue has no ${missing.join(', ')} environment: add it (or fix the tags), then allocate ${report.period} again.`,
      );
  }
  out.push('', 'Top resources missing a required tag:');
  out.push(
    report.untaggedResources.length === 0
      ? '  none'
      : renderTable(
          ['resource', 'service', 'currency', 'effective'],
          report.untaggedResources.map((row) => [
            row.resourceId ?? '(no resource id)',
            row.serviceName ?? '',
            row.currency,
            formatAmount(row.effectiveCost),
          ]),
          [3],
        ),
  );
  process.stdout.write(`${out.join('\n')}\n`);
}
