import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { quoteLiteral } from '../../adapters/sql/sql-text.js';
import type { RawCostRow } from '../../core/cost-entries/read-cost-entries.js';
import { TollgateError } from '../../core/errors.js';
import type { SqlEngine } from '../../ports/sql-engine.js';

/** A costs file read into rows, before any row is checked. */
export interface CostsFileRows {
  /** The ledger the file names (YAML `ledger:`), if any. */
  ledger: string | null;
  rows: RawCostRow[];
}

/** Costs files are small hand-kept lists; a larger one is almost certainly the wrong file. */
export const MAX_COSTS_FILE_BYTES = 64 * 1024 * 1024;

/**
 * Reads a costs file: `.csv` through DuckDB's CSV reader (every cell as text, a header row
 * first, RFC 4180 quoting), `.yaml`/`.yml` as `{ ledger?, lines: [...] }`. Rows are numbered
 * from 1: the first data line of a CSV, the first item of the YAML list.
 */
export async function readCostsFile(engine: SqlEngine, path: string): Promise<CostsFileRows> {
  const extension = extname(path).toLowerCase();
  if (extension === '.csv') return { ledger: null, rows: await readCsvRows(engine, path) };
  if (extension === '.yaml' || extension === '.yml') return readYamlRows(path, await readText(path));
  throw new TollgateError(
    'COSTS_FILE_FORMAT',
    `${path}: a costs file is .csv or .yaml (see docs/costs-no-bill-carries.md); rename it or convert it.`,
  );
}

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new TollgateError(
      'COSTS_FILE_UNREADABLE',
      `${path}: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}); check the path.`,
    );
  }
}

async function readCsvRows(engine: SqlEngine, path: string): Promise<RawCostRow[]> {
  await readText(path); // a missing file is named plainly, before DuckDB's own wording
  const source = `read_csv(${quoteLiteral(path)}, header = true, all_varchar = true, delim = ',', quote = '"', escape = '"', nullstr = '', strict_mode = true, null_padding = false)`;
  let rows: Record<string, unknown>[];
  try {
    rows = await engine.all(`SELECT * FROM ${source}`);
  } catch (error) {
    throw new TollgateError(
      'COSTS_FILE_UNREADABLE',
      `${path}: not a readable CSV file (${firstLine((error as Error).message)}). Write a header row and comma-separated values, quoting cells with commas.`,
    );
  }
  return rows.map((values, index) => ({ row: index + 1, values }));
}

export function readYamlRows(path: string, text: string): CostsFileRows {
  let document: unknown;
  try {
    // The failsafe schema reads every scalar as text, so 1830.10 stays exactly what was written.
    document = parseYaml(text, { schema: 'failsafe' });
  } catch (error) {
    throw new TollgateError(
      'COSTS_FILE_UNREADABLE',
      `${path}: not valid YAML (${firstLine((error as Error).message)}).`,
    );
  }
  const shape = document as { ledger?: unknown; lines?: unknown } | null;
  if (typeof shape !== 'object' || shape === null || !Array.isArray(shape.lines)) {
    throw new TollgateError(
      'COSTS_FILE_SHAPE',
      `${path}: a YAML costs file is a map with a list under lines: (and optionally ledger:); see examples/costs/it-costs.yaml.`,
    );
  }
  if (shape.ledger !== undefined && typeof shape.ledger !== 'string') {
    throw new TollgateError('COSTS_FILE_SHAPE', `${path}: ledger: is a name (text).`);
  }
  const rows = shape.lines.map((item, index) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      throw new TollgateError('COSTS_FILE_SHAPE', `${path}: lines item ${index + 1} is not a map of fields.`);
    }
    return { row: index + 1, values: item as Record<string, unknown> };
  });
  return { ledger: shape.ledger ?? null, rows };
}

/** The name a file's lines are kept under when it names no ledger: its base name. */
export function defaultLedger(path: string): string {
  return basename(path, extname(path));
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.slice(0, 300);
}
