import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { TollgateError } from '../core/errors.js';

export type BillingFileFormat = 'csv' | 'csv.gz' | 'parquet' | 'json';

export interface BillingFile {
  path: string;
  format: BillingFileFormat;
  bytes: number;
}

/** One unit of loading: a file, or a folder holding one export (many files per billing period). */
export interface LoadUnit {
  inputPath: string;
  files: BillingFile[];
}

export function formatOf(path: string): BillingFileFormat | undefined {
  const name = basename(path).toLowerCase();
  if (name.endsWith('.csv.gz') || name.endsWith('.csv.gzip')) return 'csv.gz';
  if (name.endsWith('.csv')) return 'csv';
  if (name.endsWith('.parquet') || name.endsWith('.snappy.parquet')) return 'parquet';
  if (name.endsWith('.json') || name.endsWith('.jsonl') || name.endsWith('.ndjson')) return 'json';
  return undefined;
}

async function listBillingFiles(folder: string): Promise<BillingFile[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true });
  const files: BillingFile[] = [];
  for (const entry of entries) {
    if (!entry.isFile() || entry.name.startsWith('.')) continue;
    const path = join(entry.parentPath ?? entry.path, entry.name);
    const format = formatOf(path);
    // A folder's .json files are export manifests (AWS, Azure write one beside the data); a JSON
    // bill (OpenCost's /allocation answer) is loaded by naming the file. JSON lines are data.
    if (format === 'json' && !/\.(jsonl|ndjson)$/i.test(entry.name)) continue;
    if (format) files.push({ path, format, bytes: (await stat(path)).size });
  }
  return files.sort((a, b) => a.path.localeCompare(b.path));
}

/** Resolves the paths a user gave into load units; a missing path or an empty folder is an error. */
export async function discoverLoadUnits(paths: string[]): Promise<LoadUnit[]> {
  if (paths.length === 0) {
    throw new TollgateError(
      'INGEST_NO_PATH',
      'Give at least one file or folder to ingest: tollgate ingest <path...>.',
      'usage',
    );
  }
  const units: LoadUnit[] = [];
  for (const given of paths) {
    const path = resolve(given);
    const info = await stat(path).catch(() => undefined);
    if (!info) {
      throw new TollgateError(
        'INGEST_PATH_NOT_FOUND',
        `${given} does not exist. Check the path; give a FOCUS export file (.csv, .csv.gz, .parquet) or a folder of them.`,
        'invalid-input',
      );
    }
    if (info.isDirectory()) {
      const files = await listBillingFiles(path);
      if (files.length === 0) {
        throw new TollgateError(
          'INGEST_EMPTY_FOLDER',
          `${given} holds no billing files (.csv, .csv.gz, .parquet or .json). Point at the folder the export was delivered to.`,
          'invalid-input',
        );
      }
      units.push({ inputPath: path, files });
      continue;
    }
    const format = formatOf(path);
    if (!format) {
      throw new TollgateError(
        'INGEST_UNKNOWN_FORMAT',
        `${given} is not a .csv, .csv.gz, .parquet or .json file. Export billing data in FOCUS as CSV or Parquet (or a provider format Tollgate reads: docs/load-your-own-bills.md).`,
        'invalid-input',
      );
    }
    units.push({ inputPath: path, files: [{ path, format, bytes: info.size }] });
  }
  return units;
}

export async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Content hash of a load: the same files, wherever they lie, hash the same. */
export function hashLoad(fileHashes: string[]): string {
  return createHash('sha256')
    .update([...fileHashes].sort().join('\n'))
    .digest('hex');
}

/** Gzip files start with 1f 8b; DuckDB's own error for anything else is obscure. */
export async function assertGzip(file: BillingFile): Promise<void> {
  const handle = await open(file.path, 'r');
  try {
    const { bytesRead, buffer } = await handle.read(Buffer.alloc(2), 0, 2, 0);
    if (bytesRead < 2 || buffer[0] !== 0x1f || buffer[1] !== 0x8b) {
      throw new TollgateError(
        'INGEST_NOT_GZIP',
        `${file.path} is named .gz but is not gzip-compressed. Rename it to .csv if it is plain CSV, or re-download the export.`,
        'invalid-input',
      );
    }
  } finally {
    await handle.close();
  }
}
