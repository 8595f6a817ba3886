import { TollgateError } from '../../core/errors.js';
import { type FieldLabels, labelOf } from '../../core/field-labels.js';
import { Decimal } from '../../core/money.js';
import {
  assertGzip,
  type BillingFile,
  discoverLoadUnits,
  hashFile,
  hashLoad,
  type LoadUnit,
} from '../../ingest/discover-billing-files.js';
import { stageBillingFile } from '../../ingest/focus/stage-billing-file.js';
import {
  dropStagedFile,
  finishRejectReport,
  openLinesView,
  recordRejectedRows,
  STAGE_TABLE,
  type StagedPeriod,
  summariseStagedPeriods,
} from '../../ingest/focus/staged-lines-relations.js';
import {
  rejectedRowsSql,
  rowsRejectedError,
  validateStagedFile,
} from '../../ingest/focus/validate-staged-file.js';
import { type PlannedFormat, planUnitFormats } from '../../ingest/formats/plan-unit-formats.js';
import type { PeriodKey } from '../../ports/cost-store.js';
import type { LoadFile } from '../../ports/state-store.js';
import type { Stores } from '../../ports/stores.js';
import { auditRecorder, commandLineActor, type RecordChange } from '../audit/record-audit.js';
import { type DatasetLoad, detectUnitDataset, ingestFocusDataset } from './ingest-focus-datasets.js';

export type OnError = 'fail' | 'skip-row';

export interface IngestOptions {
  onError: OnError;
  /** The caller's name for onError in messages (the CLI's --on-error). */
  labels?: FieldLabels<'onError'>;
  dryRun: boolean;
  /** Where rejected rows go when onError is skip-row. */
  rejectReportPath: string;
  onProgress?: (event: IngestProgress) => void;
  /** Writes the audit entry of each load, inside its transaction; by default as the command-line user. */
  recordChange?: RecordChange;
}

export interface IngestProgress {
  file: string;
  fileIndex: number;
  fileCount: number;
  phase: 'hashing' | 'reading' | 'validating' | 'writing' | 'done';
  rows: number;
  /** Percentage of the current file read, while reading, when the engine reports it. */
  percentage?: number;
}

type PeriodSummary = StagedPeriod;

export interface UnitResult {
  inputPath: string;
  status: 'loaded' | 'already-loaded' | 'validated';
  loadId: number | null;
  focusVersions: string[];
  /** focus, or the provider formats the files were converted from (aws-cur, ...). */
  sourceFormats: string[];
  files: number;
  rowsLoaded: number;
  rowsRejected: number;
  warnings: Record<string, number>;
  periods: PeriodSummary[];
  replaced: { loadId: number; period: PeriodKey }[];
  /** A FOCUS dataset that is not cost lines (ContractCommitment, BillingPeriod, InvoiceDetail), or null. */
  dataset: DatasetLoad | null;
}

export interface IngestSummary {
  dryRun: boolean;
  units: UnitResult[];
  files: number;
  rowsLoaded: number;
  rowsRejected: number;
  warnings: Record<string, number>;
  billingPeriods: string[];
  totals: { currency: string; billedCost: string; effectiveCost: string }[];
  rejectReport: string | null;
}

/**
 * Loads billing exports: each given file or folder is one load, in one transaction.
 * 1. Hash the files; a load with the same content is already there: report it, change nothing.
 * 2. Per file: stage the text rows, check the shape (FOCUS version, mandatory columns), run the
 *    row checks; fatal problems reject the file unless --on-error skip-row.
 * 3. Normalise to canonical lines, summarise per (provider, account, billing period, currency),
 *    and copy them into the cost store.
 * 4. Replace: lines of the same provider, account and billing period from earlier loads are
 *    deleted and those periods marked replaced by this load, so nothing is counted twice.
 */
export async function ingestBillingFiles(
  stores: Stores,
  paths: string[],
  options: IngestOptions,
): Promise<IngestSummary> {
  const units = await discoverLoadUnits(paths);
  const results: UnitResult[] = [];
  let rejectsWritten = false;
  for (const unit of units) {
    const dataset = await detectUnitDataset(stores, unit);
    if (dataset) {
      const loaded = await ingestFocusDataset(stores, unit, dataset, options);
      results.push({
        ...emptyResult(unit, options.dryRun ? 'validated' : 'loaded', null, []),
        rowsLoaded: loaded.records,
        dataset: loaded,
      });
      continue;
    }
    const result = await ingestUnit(stores, unit, options);
    results.push(result.unit);
    rejectsWritten ||= result.rejectsWritten;
  }
  return summarise(results, options, rejectsWritten ? options.rejectReportPath : null);
}

async function ingestUnit(stores: Stores, unit: LoadUnit, options: IngestOptions) {
  const engine = stores.fileEngine;
  const files: LoadFile[] = [];
  for (const [index, file] of unit.files.entries()) {
    options.onProgress?.({
      file: file.path,
      fileIndex: index,
      fileCount: unit.files.length,
      phase: 'hashing',
      rows: 0,
    });
    if (file.format === 'csv.gz') await assertGzip(file);
    files.push({ path: file.path, sha256: await hashFile(file.path), bytes: file.bytes, rowCount: 0 });
  }
  const contentHash = hashLoad(files.map((file) => file.sha256));
  const existing = await stores.state.findLoadByHash(contentHash);
  if (existing) {
    return {
      unit: emptyResult(
        unit,
        'already-loaded',
        existing.id,
        existing.focusVersion ? [existing.focusVersion] : [],
      ),
      rejectsWritten: false,
    };
  }

  // Read before the transaction: a file the plan cannot read is reported by its staging step.
  const plan = await planUnitFormats(engine, unit.files);
  let rejectsWritten = false;
  const unitResult = await stores.transaction(async () => {
    const loadId = options.dryRun ? 0 : await stores.state.nextLoadId();
    const result = emptyResult(
      unit,
      options.dryRun ? 'validated' : 'loaded',
      options.dryRun ? null : loadId,
      [],
    );
    const periods = new Map<string, PeriodSummary>();
    for (const [index, file] of unit.files.entries()) {
      const loaded = await ingestFile(
        stores,
        file,
        index,
        unit.files.length,
        loadId,
        options,
        plan.get(file.path),
      );
      files[index]!.rowCount = loaded.rowsLoaded;
      result.rowsLoaded += loaded.rowsLoaded;
      result.rowsRejected += loaded.rowsRejected;
      if (!result.focusVersions.includes(loaded.version)) result.focusVersions.push(loaded.version);
      if (!result.sourceFormats.includes(loaded.sourceFormat)) result.sourceFormats.push(loaded.sourceFormat);
      for (const [kind, count] of Object.entries(loaded.warnings))
        result.warnings[kind] = (result.warnings[kind] ?? 0) + count;
      for (const period of loaded.periods) mergePeriod(periods, period);
      rejectsWritten ||= loaded.rowsRejected > 0;
    }
    result.periods = [...periods.values()].sort(comparePeriods);
    await finishRejectReport(engine, rejectsWritten ? options.rejectReportPath : null);
    if (result.rowsLoaded === 0) {
      throw new TollgateError(
        'INGEST_ALL_ROWS_REJECTED',
        `${unit.inputPath}: every row was rejected; see ${options.rejectReportPath}. Nothing was loaded.`,
      );
    }
    if (options.dryRun) return result;

    await stores.state.insertLoad(loadId, {
      sourceFormat: result.sourceFormats.join(','),
      focusVersion: result.focusVersions.join(','),
      inputPath: unit.inputPath,
      contentHash,
      fileCount: unit.files.length,
      rowCount: result.rowsLoaded,
      rejectedCount: result.rowsRejected,
      warnings: result.warnings,
      files,
      periods: result.periods,
    });
    result.replaced = await replaceEarlierPeriods(stores, loadId, result.periods);
    await (options.recordChange ?? auditRecorder(stores, commandLineActor()))({
      action: 'ingest.load',
      target: `load:${loadId}`,
      before: result.replaced.length > 0 ? { replaced: result.replaced } : null,
      after: {
        inputPath: unit.inputPath,
        contentHash,
        rowsLoaded: result.rowsLoaded,
        periods: result.periods,
      },
    });
    return result;
  });
  return { unit: unitResult, rejectsWritten };
}

async function ingestFile(
  stores: Stores,
  file: BillingFile,
  index: number,
  fileCount: number,
  loadId: number,
  options: IngestOptions,
  planned: PlannedFormat | undefined,
) {
  const engine = stores.fileEngine;
  const progress = (phase: IngestProgress['phase'], rows: number, percentage?: number) =>
    options.onProgress?.({ file: file.path, fileIndex: index, fileCount, phase, rows, percentage });
  const skip = options.onError === 'skip-row';
  const onErrorLabel = labelOf(options.labels, 'onError');

  progress('reading', 0);
  const staged = await whileReporting(engine, progress, () =>
    stageBillingFile(engine, file, STAGE_TABLE, skip, onErrorLabel, planned?.format),
  );
  try {
    progress('validating', staged.rowCount);
    const validation = await validateStagedFile(engine, staged);
    if (validation.fatal.length > 0 && !skip)
      throw rowsRejectedError(file.path, validation.fatal, onErrorLabel);
    await recordRejectedRows(
      engine,
      file.path,
      staged,
      validation.fatal.length > 0 ? rejectedRowsSql(staged, file.path, validation) : null,
    );
    const lines = await openLinesView(engine, staged, loadId, file.path);
    const periods = await summariseStagedPeriods(engine, lines);
    const rowsLoaded = periods.reduce((sum, period) => sum + period.rowCount, 0);
    if (!options.dryRun) {
      progress('writing', rowsLoaded);
      await stores.costs.importStagedLines({ engine, relation: lines });
    }
    progress('done', rowsLoaded);
    const warnings: Record<string, number> = { ...planned?.warnings };
    for (const violation of validation.warnings) {
      warnings[`${violation.check.kind}:${violation.check.column}`] = violation.count;
    }
    return {
      version: staged.version,
      sourceFormat: staged.sourceFormat,
      rowsLoaded,
      rowsRejected: validation.rejectedRows + staged.unparsedLines.length,
      warnings,
      periods,
    };
  } finally {
    await dropStagedFile(engine);
  }
}

/** Reports the engine's progress through a long statement every quarter second while `work` runs. */
async function whileReporting<T>(
  engine: Stores['fileEngine'],
  progress: (phase: IngestProgress['phase'], rows: number, percentage?: number) => void,
  work: () => Promise<T>,
): Promise<T> {
  const timer = setInterval(() => {
    const now = engine.progress?.();
    if (now) progress('reading', now.rows, now.percentage);
  }, 250);
  try {
    return await (engine.withProgress ? engine.withProgress(work) : work());
  } finally {
    clearInterval(timer);
  }
}

function periodKeyText(period: PeriodKey): string {
  return JSON.stringify([period.providerName, period.billingAccountId, period.billingPeriodStart]);
}

function mergePeriod(periods: Map<string, PeriodSummary>, period: PeriodSummary): void {
  const key = `${periodKeyText(period)}|${period.billingCurrency}`;
  const existing = periods.get(key);
  if (!existing) {
    periods.set(key, { ...period });
    return;
  }
  existing.rowCount += period.rowCount;
  existing.billedCost = new Decimal(existing.billedCost).plus(period.billedCost).toString();
  existing.effectiveCost = new Decimal(existing.effectiveCost).plus(period.effectiveCost).toString();
}

function comparePeriods(a: PeriodSummary, b: PeriodSummary): number {
  return (
    a.billingPeriodStart.localeCompare(b.billingPeriodStart) ||
    a.providerName.localeCompare(b.providerName) ||
    a.billingAccountId.localeCompare(b.billingAccountId) ||
    a.billingCurrency.localeCompare(b.billingCurrency)
  );
}

async function replaceEarlierPeriods(stores: Stores, loadId: number, periods: PeriodSummary[]) {
  const replaced: { loadId: number; period: PeriodKey }[] = [];
  const keys = new Map(periods.map((period) => [periodKeyText(period), period]));
  const touched = new Set<number>();
  for (const key of keys.values()) {
    const period: PeriodKey = {
      providerName: key.providerName,
      billingAccountId: key.billingAccountId,
      billingPeriodStart: key.billingPeriodStart,
    };
    for (const current of await stores.state.findCurrentPeriods(period, loadId)) {
      if (
        replaced.some(
          (entry) => entry.loadId === current.loadId && periodKeyText(entry.period) === periodKeyText(period),
        )
      )
        continue;
      await stores.costs.deleteLoadLines(current.loadId, period);
      await stores.state.markPeriodReplaced(current.loadId, period, loadId);
      replaced.push({ loadId: current.loadId, period });
      touched.add(current.loadId);
    }
  }
  for (const id of touched) await stores.state.refreshLoadStatus(id);
  return replaced;
}

function emptyResult(
  unit: LoadUnit,
  status: UnitResult['status'],
  loadId: number | null,
  versions: string[],
): UnitResult {
  return {
    inputPath: unit.inputPath,
    status,
    loadId,
    focusVersions: versions,
    sourceFormats: [],
    files: unit.files.length,
    rowsLoaded: 0,
    rowsRejected: 0,
    warnings: {},
    periods: [],
    replaced: [],
    dataset: null,
  };
}

function summarise(units: UnitResult[], options: IngestOptions, rejectReport: string | null): IngestSummary {
  const warnings: Record<string, number> = {};
  const totals = new Map<string, { billed: Decimal; effective: Decimal }>();
  const billingPeriods = new Set<string>();
  for (const unit of units) {
    for (const [kind, count] of Object.entries(unit.warnings)) warnings[kind] = (warnings[kind] ?? 0) + count;
    for (const period of unit.periods) {
      billingPeriods.add(period.billingPeriodStart.slice(0, 7));
      const total = totals.get(period.billingCurrency) ?? {
        billed: new Decimal(0),
        effective: new Decimal(0),
      };
      total.billed = total.billed.plus(period.billedCost);
      total.effective = total.effective.plus(period.effectiveCost);
      totals.set(period.billingCurrency, total);
    }
  }
  return {
    dryRun: options.dryRun,
    units,
    files: units.reduce((sum, unit) => sum + unit.files, 0),
    rowsLoaded: units.reduce((sum, unit) => sum + unit.rowsLoaded, 0),
    rowsRejected: units.reduce((sum, unit) => sum + unit.rowsRejected, 0),
    warnings,
    billingPeriods: [...billingPeriods].sort(),
    totals: [...totals.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([currency, total]) => ({
        currency,
        billedCost: total.billed.toString(),
        effectiveCost: total.effective.toString(),
      })),
    rejectReport,
  };
}
