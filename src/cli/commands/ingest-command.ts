import { resolve } from 'node:path';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { auditRecorder } from '../../app/audit/record-audit.js';
import {
  type IngestProgress,
  type IngestSummary,
  ingestBillingFiles,
  type OnError,
} from '../../app/costs/ingest-billing-files.js';
import { formatMoney } from '../../core/money.js';
import { printJson } from '../cli-context.js';
import { withIdentity } from '../cli-identity.js';
import { renderTable } from '../output/render-table.js';

interface IngestFlags {
  onError: OnError;
  rejectReport?: string;
  dryRun?: boolean;
  json?: boolean;
}
export async function runIngest(paths: string[], flags: IngestFlags, command: Command) {
  const rejectReportPath = resolve(flags.rejectReport ?? `tollgate-rejected-rows-${timestamp()}.csv`);
  const progress = !flags.json && process.stderr.isTTY ? createProgress() : undefined;
  const summary = await withIdentity(command, 'sources:write', (stores, { actor }) =>
    ingestBillingFiles(stores, paths, {
      recordChange: auditRecorder(stores, actor),
      onError: flags.onError,
      labels: { onError: '--on-error' },
      dryRun: Boolean(flags.dryRun),
      rejectReportPath,
      onProgress: progress?.update,
    }).finally(() => progress?.stop()),
  );
  if (flags.json) printJson(summary);
  else process.stdout.write(describeSummary(summary));
}

function timestamp(): string {
  return new Date().toISOString().replace(/[:.]/g, '-');
}

/** A progress bar over the files of a load, with the rows read and rows per second. */
function createProgress() {
  const started = Date.now();
  let bar: SingleBar | undefined;
  let done = 0;
  return {
    update(event: IngestProgress) {
      if (!bar) {
        bar = new SingleBar({
          format: 'ingest [{bar}] {value}/{total} files | {phase} {file}{pct} | {rows} rows | {rate} rows/s',
          stream: process.stderr,
          hideCursor: true,
        });
        bar.start(event.fileCount, 0, { phase: event.phase, file: '', pct: '', rows: 0, rate: 0 });
      }
      if (event.phase === 'done') done += event.rows;
      const rows = done + (event.phase === 'done' ? 0 : event.rows);
      const seconds = Math.max((Date.now() - started) / 1000, 0.001);
      bar.setTotal(event.fileCount);
      bar.update(event.fileIndex + (event.phase === 'done' ? 1 : 0), {
        phase: event.phase,
        file: event.file.split('/').pop(),
        pct: event.percentage === undefined ? '' : ` ${Math.floor(event.percentage)}%`,
        rows: rows.toLocaleString('en-US'),
        rate: Math.round(rows / seconds).toLocaleString('en-US'),
      });
    },
    stop() {
      bar?.stop();
    },
  };
}

export function describeSummary(summary: IngestSummary): string {
  const out: string[] = [];
  for (const unit of summary.units) {
    const versions = unit.focusVersions.length > 0 ? ` (FOCUS ${unit.focusVersions.join(', ')})` : '';
    if (unit.status === 'already-loaded') {
      out.push(`${unit.inputPath}: already loaded as load #${unit.loadId}; nothing changed.`);
      continue;
    }
    if (unit.dataset) {
      const done = unit.status === 'validated' ? 'Validated (dry run, nothing written)' : 'Loaded';
      out.push(
        `${unit.inputPath}: ${done}: FOCUS ${unit.dataset.dataset} dataset, ${unit.dataset.records} record(s), ${unit.dataset.replaced} replacing earlier ones (see: tollgate datasets ${unit.dataset.dataset}).`,
      );
      continue;
    }
    const verb =
      unit.status === 'validated' ? 'Validated (dry run, nothing written)' : `Loaded as load #${unit.loadId}`;
    out.push(
      `${unit.inputPath}: ${verb}${versions}: ${unit.files} file(s), ${unit.rowsLoaded.toLocaleString('en-US')} rows, ${unit.rowsRejected.toLocaleString('en-US')} rejected.`,
    );
    for (const replaced of unit.replaced) {
      out.push(
        `  replaced ${replaced.period.providerName} account ${replaced.period.billingAccountId} period ${replaced.period.billingPeriodStart.slice(0, 10)} from load #${replaced.loadId}`,
      );
    }
  }
  out.push('');
  out.push(
    `Files: ${summary.files}   Rows loaded: ${summary.rowsLoaded.toLocaleString('en-US')}   Rows rejected: ${summary.rowsRejected.toLocaleString('en-US')}`,
  );
  if (summary.rejectReport) out.push(`Rejected rows written to ${summary.rejectReport}`);
  if (summary.billingPeriods.length > 0) out.push(`Billing periods: ${summary.billingPeriods.join(', ')}`);
  const warnings = Object.entries(summary.warnings).sort(([a], [b]) => a.localeCompare(b));
  if (warnings.length > 0) {
    out.push('', 'Warnings (rows kept):');
    out.push(
      renderTable(
        ['kind:column', 'rows'],
        warnings.map(([kind, count]) => [kind, String(count)]),
        [1],
      ),
    );
  }
  if (summary.totals.length > 0) {
    out.push('', 'Totals:');
    out.push(
      renderTable(
        ['currency', 'BilledCost', 'EffectiveCost'],
        summary.totals.map((total) => [
          total.currency,
          formatMoney(total.billedCost),
          formatMoney(total.effectiveCost),
        ]),
        [1, 2],
      ),
    );
  }
  return `${out.join('\n')}\n`;
}
