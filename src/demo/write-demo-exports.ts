import { type FileHandle, mkdir, open, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TollgateError } from '../core/errors.js';
import type { DemoBillingAccount } from './demo-organisation.js';
import { FOCUS_12_HEADER } from './focus-csv-row.js';
import { generateDemoLines } from './generate-demo-billing.js';
import { DEMO_YEAR, type DemoOptions, planDemoBilling } from './plan-demo-billing.js';

/** Written beside the exports, so a later run knows which folders are its own to replace. */
export const DEMO_MANIFEST = 'tollgate-demo.json';
const PROVIDER_FOLDERS: Record<DemoBillingAccount['providerName'], string> = {
  AWS: 'aws',
  Microsoft: 'microsoft',
  'Google Cloud': 'google-cloud',
};
const CHUNK_CHARS = 1 << 18;

export interface WriteDemoOptions extends DemoOptions {
  outDir: string;
  /** A provider export splits into parts past this many rows. Default 250,000. */
  maxRowsPerFile?: number;
  onProgress?: (rowsWritten: number) => void;
}

export interface WrittenDemo {
  outDir: string;
  /** One folder per provider, billing account and month: each one export, one load. */
  folders: string[];
  files: number;
  rows: number;
  bytes: number;
}

/**
 * A CSV file written in large chunks, each write awaited before the next: the generator
 * never runs ahead of the disk, so memory stays flat whatever the row count.
 */
class CsvFileWriter {
  rows = 0;
  bytes = 0;
  private buffer = '';

  private constructor(private readonly handle: FileHandle) {}

  static async create(path: string): Promise<CsvFileWriter> {
    const writer = new CsvFileWriter(await open(path, 'w'));
    writer.buffer = FOCUS_12_HEADER;
    return writer;
  }

  /** Returns a promise only when a chunk goes to disk; callers await it then. */
  write(text: string): Promise<void> | undefined {
    this.buffer += text;
    this.rows++;
    return this.buffer.length >= CHUNK_CHARS ? this.flush() : undefined;
  }

  private async flush(): Promise<void> {
    const chunk = Buffer.from(this.buffer, 'utf8');
    this.buffer = '';
    this.bytes += chunk.length;
    await this.handle.write(chunk);
  }

  async close(): Promise<void> {
    try {
      if (this.buffer.length > 0) await this.flush();
    } finally {
      await this.handle.close();
    }
  }
}

function safeName(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]/g, '_');
}

/** The folder of one export: <out>/<provider>/<billing account>/<YYYY-MM>. */
export function exportFolderOf(outDir: string, account: DemoBillingAccount, month: number): string {
  return join(
    outDir,
    PROVIDER_FOLDERS[account.providerName],
    safeName(account.id),
    `${DEMO_YEAR}-${String(month + 1).padStart(2, '0')}`,
  );
}

/**
 * Makes `outDir` ready: created when missing; when it holds an earlier demo (its manifest),
 * that demo's folders are removed so no stale part is left; anything else in it is the
 * user's, and the demo refuses to write there.
 */
async function prepareOutDir(outDir: string): Promise<void> {
  const info = await stat(outDir).catch(() => undefined);
  if (info && !info.isDirectory()) {
    throw new TollgateError(
      'DEMO_OUT_NOT_FOLDER',
      `--out ${outDir} is a file, not a folder. Give a folder for the demo's billing exports (it is created when missing).`,
      'usage',
    );
  }
  if (!info) {
    await mkdir(outDir, { recursive: true });
    return;
  }
  const entries = await readdir(outDir);
  if (entries.length === 0) return;
  if (!entries.includes(DEMO_MANIFEST)) {
    throw new TollgateError(
      'DEMO_OUT_NOT_EMPTY',
      `--out ${outDir} already holds files that are not a Tollgate demo. Give an empty or new folder, or one an earlier demo wrote.`,
    );
  }
  const owned = new Set(Object.values(PROVIDER_FOLDERS));
  for (const entry of entries) {
    if (owned.has(entry) || entry === DEMO_MANIFEST)
      await rm(join(outDir, entry), { recursive: true, force: true });
  }
}

/** Generates the demo organisation's year of billing as provider exports under `outDir`. */
export async function writeDemoExports(options: WriteDemoOptions): Promise<WrittenDemo> {
  const maxRows = options.maxRowsPerFile ?? 250_000;
  await prepareOutDir(options.outDir);
  await writeManifest(options, null);
  const plan = planDemoBilling(options);
  const folders = new Set<string>();
  const open = new Map<string, { writer: CsvFileWriter; part: number; folder: string }>();
  const written = { files: 0, rows: 0, bytes: 0 };
  let currentMonth = 0;

  const closeWriter = async (key: string) => {
    const entry = open.get(key)!;
    await entry.writer.close();
    written.bytes += entry.writer.bytes;
    open.delete(key);
  };

  try {
    for (const line of generateDemoLines(plan)) {
      if (line.month !== currentMonth) {
        for (const key of [...open.keys()]) await closeWriter(key);
        currentMonth = line.month;
      }
      let entry = open.get(line.account.key);
      if (entry && entry.writer.rows >= maxRows) {
        const part = entry.part + 1;
        const folder = entry.folder;
        await closeWriter(line.account.key);
        entry = { writer: await CsvFileWriter.create(partPath(folder, part)), part, folder };
        open.set(line.account.key, entry);
        written.files++;
      }
      if (!entry) {
        const folder = exportFolderOf(options.outDir, line.account, line.month);
        await mkdir(folder, { recursive: true });
        folders.add(folder);
        entry = { writer: await CsvFileWriter.create(partPath(folder, 1)), part: 1, folder };
        open.set(line.account.key, entry);
        written.files++;
      }
      const pending = entry.writer.write(line.text);
      if (pending) await pending;
      written.rows++;
      if (options.onProgress && written.rows % 50_000 === 0) options.onProgress(written.rows);
    }
  } finally {
    for (const key of [...open.keys()]) await closeWriter(key);
  }
  options.onProgress?.(written.rows);
  const result = { outDir: options.outDir, folders: [...folders].sort(), ...written };
  await writeManifest(options, result);
  return result;
}

/**
 * Writes the whole demo year as one FOCUS CSV file (benchmarks load one big file); rows of
 * every provider, account and month together, as some tools export them.
 */
export async function writeDemoCsvFile(options: DemoOptions & { path: string }) {
  const writer = await CsvFileWriter.create(options.path);
  try {
    for (const line of generateDemoLines(planDemoBilling(options))) {
      const pending = writer.write(line.text);
      if (pending) await pending;
    }
  } finally {
    await writer.close();
  }
  return { path: options.path, rows: writer.rows, bytes: writer.bytes };
}

function partPath(folder: string, part: number): string {
  return join(folder, `part-${String(part).padStart(5, '0')}.csv`);
}

async function writeManifest(options: WriteDemoOptions, result: WrittenDemo | null): Promise<void> {
  const manifest = {
    generator: 'tollgate demo',
    seed: options.seed,
    rowsRequested: options.rows,
    year: DEMO_YEAR,
    complete: result !== null,
    rows: result?.rows ?? null,
    files: result?.files ?? null,
    folders: result?.folders.map((folder) => folder.slice(options.outDir.length + 1)) ?? null,
  };
  await writeFile(join(options.outDir, DEMO_MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
}

/** Reads an earlier demo's manifest, or null when the folder holds none. */
export async function readDemoManifest(outDir: string): Promise<Record<string, unknown> | null> {
  const text = await readFile(join(outDir, DEMO_MANIFEST), 'utf8').catch(() => null);
  return text === null ? null : (JSON.parse(text) as Record<string, unknown>);
}
