import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { buildEntryLines, type EntryLine } from '../../core/cost-entries/build-entry-lines.js';
import { type RawCostRow, readCostEntries } from '../../core/cost-entries/read-cost-entries.js';
import { TollgateError } from '../../core/errors.js';
import { Decimal } from '../../core/money.js';
import {
  defaultLedger,
  MAX_COSTS_FILE_BYTES,
  readCostsFile,
} from '../../ingest/cost-entries/read-costs-file.js';
import { dropEntryLines, stageEntryLines } from '../../ingest/cost-entries/stage-entry-lines.js';
import { hashFile } from '../../ingest/discover-billing-files.js';
import { type StagedPeriod, summariseStagedPeriods } from '../../ingest/focus/staged-lines-relations.js';
import type { PeriodKey } from '../../ports/cost-store.js';
import type { Stores } from '../../ports/stores.js';
import { auditRecorder, commandLineActor, type RecordChange } from '../audit/record-audit.js';

/** The load format of costs no bill carries (loads.source_format). */
export const COST_ENTRIES_FORMAT = 'cost-entries';
/** One load makes at most this many daily lines (an entry of a year is 365). */
export const MAX_ENTRY_LINES = 5_000_000;
const LEDGER = /^[A-Za-z0-9][A-Za-z0-9 ._:/-]{0,99}$/;

export interface AddCostEntriesOptions {
  /** The ledger the lines are kept under; by default the file's (YAML ledger:) or its base name. */
  ledger?: string;
  dryRun: boolean;
  recordChange?: RecordChange;
}

export interface AddCostEntriesResult {
  status: 'loaded' | 'already-loaded' | 'validated';
  loadId: number | null;
  source: string;
  ledger: string;
  entries: number;
  linesLoaded: number;
  periods: StagedPeriod[];
  totals: { currency: string; cost: string }[];
  replaced: { loadId: number; period: PeriodKey }[];
}

/** `tollgate costs add FILE`: reads a CSV or YAML costs file and adds its entries. */
export async function addCostEntriesFile(
  stores: Stores,
  path: string,
  options: AddCostEntriesOptions,
): Promise<AddCostEntriesResult> {
  const size = await stat(path).then(
    (info) => info.size,
    () => {
      throw new TollgateError('COSTS_FILE_NOT_FOUND', `${path} does not exist; check the path.`);
    },
  );
  if (size > MAX_COSTS_FILE_BYTES)
    throw new TollgateError(
      'COSTS_FILE_TOO_LARGE',
      `${path} is ${size} bytes; a costs file holds at most ${MAX_COSTS_FILE_BYTES}. Split it by ledger.`,
    );
  const file = await readCostsFile(stores.fileEngine, path);
  const ledger = options.ledger ?? file.ledger ?? defaultLedger(path);
  const sha256 = await hashFile(path);
  return addCostEntries(
    stores,
    { source: path, ledger, rows: file.rows, fileHash: sha256, bytes: size },
    options,
  );
}

/** The API's form: the rows of a YAML costs file, as JSON. */
export async function addCostEntryRows(
  stores: Stores,
  request: { ledger: string; lines: Record<string, unknown>[] },
  options: Omit<AddCostEntriesOptions, 'ledger'>,
): Promise<AddCostEntriesResult> {
  const text = JSON.stringify(request.lines);
  return addCostEntries(
    stores,
    {
      source: `api:${request.ledger}`,
      ledger: request.ledger,
      rows: request.lines.map((values, index) => ({ row: index + 1, values })),
      fileHash: createHash('sha256').update(text).digest('hex'),
      bytes: Buffer.byteLength(text),
    },
    options,
  );
}

interface EntrySource {
  source: string;
  ledger: string;
  rows: RawCostRow[];
  fileHash: string;
  bytes: number;
}

/**
 * Adds costs no bill carries as canonical lines.
 * 1. Check every row (nothing loads if one is bad) and spread each entry over its days.
 * 2. The same content under the same ledger was loaded already: report it, change nothing.
 * 3. In one transaction: stage the lines, copy them into the cost store, record the load, and
 *    replace what earlier loads of the same ledger brought (a costs file is its ledger's whole
 *    truth), then write the audit entry.
 */
async function addCostEntries(
  stores: Stores,
  input: EntrySource,
  options: Omit<AddCostEntriesOptions, 'ledger'>,
): Promise<AddCostEntriesResult> {
  if (!LEDGER.test(input.ledger))
    throw new TollgateError(
      'COSTS_BAD_LEDGER',
      `Ledger '${input.ledger}' is not a usable name: 1 to 100 letters, digits, spaces and . _ : / -, starting with a letter or digit.`,
      'usage',
    );
  const entries = readCostEntries(input.source, input.rows);
  const lines: EntryLine[] = [];
  for (const entry of entries) {
    lines.push(...buildEntryLines(entry, input.ledger));
    if (lines.length > MAX_ENTRY_LINES)
      throw new TollgateError(
        'COSTS_TOO_MANY_LINES',
        `${input.source} spreads into more than ${MAX_ENTRY_LINES} daily lines; split it into several ledgers.`,
      );
  }
  const contentHash = createHash('sha256').update(`${input.ledger}\n${input.fileHash}`).digest('hex');
  const result: AddCostEntriesResult = {
    status: options.dryRun ? 'validated' : 'loaded',
    loadId: null,
    source: input.source,
    ledger: input.ledger,
    entries: entries.length,
    linesLoaded: lines.length,
    periods: [],
    totals: totalsOf(entries),
    replaced: [],
  };
  const existing = await stores.state.findLoadByHash(contentHash);
  if (existing && existing.status === 'active')
    return { ...result, status: 'already-loaded', loadId: existing.id };

  return stores.transaction(async () => {
    const engine = stores.fileEngine;
    const loadId = options.dryRun ? 0 : await stores.state.nextLoadId();
    try {
      const relation = await stageEntryLines(engine, lines, loadId, input.source);
      result.periods = await summariseStagedPeriods(engine, relation);
      if (options.dryRun) return result;
      await stores.costs.importStagedLines({ engine, relation });
    } finally {
      await dropEntryLines(engine);
    }
    result.loadId = loadId;
    await stores.state.insertLoad(loadId, {
      sourceFormat: COST_ENTRIES_FORMAT,
      focusVersion: null,
      inputPath: input.source,
      contentHash,
      fileCount: 1,
      rowCount: lines.length,
      rejectedCount: 0,
      warnings: {},
      files: [{ path: input.source, sha256: input.fileHash, bytes: input.bytes, rowCount: lines.length }],
      periods: result.periods,
    });
    result.replaced = await replaceLedger(stores, loadId, input.ledger);
    await (options.recordChange ?? auditRecorder(stores, commandLineActor()))({
      action: 'costs.add',
      target: `load:${loadId}`,
      before: result.replaced.length > 0 ? { replaced: result.replaced } : null,
      after: {
        source: input.source,
        ledger: input.ledger,
        contentHash,
        entries: entries.length,
        totals: result.totals,
      },
    });
    return result;
  });
}

/** Every period earlier loads of this ledger still hold: their lines go, marked replaced by this load. */
async function replaceLedger(stores: Stores, loadId: number, ledger: string) {
  const replaced: { loadId: number; period: PeriodKey }[] = [];
  for (const load of await stores.state.listLoads()) {
    if (load.id === loadId || load.sourceFormat !== COST_ENTRIES_FORMAT) continue;
    const seen = new Set<string>();
    for (const held of load.periods) {
      if (held.billingAccountId !== ledger || held.replacedByLoadId !== null) continue;
      const period: PeriodKey = {
        providerName: held.providerName,
        billingAccountId: held.billingAccountId,
        billingPeriodStart: held.billingPeriodStart,
      };
      const key = JSON.stringify(period);
      if (seen.has(key)) continue;
      seen.add(key);
      await stores.costs.deleteLoadLines(load.id, period);
      await stores.state.markPeriodReplaced(load.id, period, loadId);
      replaced.push({ loadId: load.id, period });
    }
    if (seen.size > 0) await stores.state.refreshLoadStatus(load.id);
  }
  return replaced;
}

function totalsOf(entries: readonly { currency: string; amount: string }[]) {
  const totals = new Map<string, Decimal>();
  for (const entry of entries)
    totals.set(entry.currency, (totals.get(entry.currency) ?? new Decimal(0)).plus(entry.amount));
  return [...totals.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, cost]) => ({ currency, cost: cost.toFixed() }));
}
