import type { PeriodKey } from '../../../ports/cost-store.js';
import type { LoadPeriod, LoadRecord, LoadStatus, NewLoad, StateStore } from '../../../ports/state-store.js';
import type { SqlDatabase } from '../sql-database.js';
import type { SqlDialect } from '../sql-dialect.js';

interface LoadRow extends Record<string, unknown> {
  id: string;
  source_format: string;
  focus_version: string | null;
  input_path: string;
  content_hash: string;
  file_count: number;
  row_count: string;
  rejected_count: string;
  warnings: string;
  status: LoadStatus;
  loaded_at: string;
}

interface PeriodRow extends Record<string, unknown> {
  load_id: string;
  provider_name: string;
  billing_account_id: string;
  billing_period_start: string;
  billing_currency: string;
  row_count: string;
  billed_cost: string;
  effective_cost: string;
  replaced_by_load_id: string | null;
}

const PERIOD_KEY_WHERE =
  'provider_name = $provider AND billing_account_id = $account AND billing_period_start = CAST($period AS TIMESTAMP)';

function keyParams(key: PeriodKey) {
  return { provider: key.providerName, account: key.billingAccountId, period: key.billingPeriodStart };
}

function toPeriod(row: PeriodRow): LoadPeriod {
  return {
    providerName: row.provider_name,
    billingAccountId: row.billing_account_id,
    billingPeriodStart: row.billing_period_start,
    billingCurrency: row.billing_currency,
    rowCount: Number(row.row_count),
    billedCost: row.billed_cost,
    effectiveCost: row.effective_cost,
    replacedByLoadId: row.replaced_by_load_id === null ? null : Number(row.replaced_by_load_id),
  };
}

/** Loads and their billing periods, in the same tables and SQL on DuckDB and PostgreSQL. */
export class SqlStateStore implements StateStore {
  constructor(
    private readonly db: SqlDatabase,
    private readonly dialect: SqlDialect,
  ) {}

  async nextLoadId(): Promise<number> {
    const row = await this.db.one<{ id: string }>("SELECT nextval('load_id_seq')::VARCHAR AS id");
    return Number(row!.id);
  }

  async insertLoad(id: number, load: NewLoad): Promise<void> {
    await this.db.run(
      `INSERT INTO loads (id, source_format, focus_version, input_path, content_hash, file_count, row_count,
         rejected_count, warnings, status, loaded_at)
       VALUES ($id, $format, $version, $path, $hash, $files, $rows, $rejected, $warnings, 'active', now()::TIMESTAMP)`,
      {
        id,
        format: load.sourceFormat,
        version: load.focusVersion,
        path: load.inputPath,
        hash: load.contentHash,
        files: load.fileCount,
        rows: load.rowCount,
        rejected: load.rejectedCount,
        warnings: JSON.stringify(load.warnings),
      },
    );
    for (const file of load.files) {
      await this.db.run('INSERT INTO load_files VALUES ($id, $path, $sha, $bytes, $rows)', {
        id,
        path: file.path,
        sha: file.sha256,
        bytes: file.bytes,
        rows: file.rowCount,
      });
    }
    for (const period of load.periods) {
      await this.db.run(
        `INSERT INTO load_periods VALUES ($id, $provider, $account, CAST($period AS TIMESTAMP), $currency, $rows,
           CAST($billed AS DECIMAL(38,16)), CAST($effective AS DECIMAL(38,16)), NULL)`,
        {
          id,
          ...keyParams(period),
          currency: period.billingCurrency,
          rows: period.rowCount,
          billed: period.billedCost,
          effective: period.effectiveCost,
        },
      );
    }
  }

  async getLoad(id: number): Promise<LoadRecord | undefined> {
    const row = await this.db.one<LoadRow>('SELECT * FROM loads WHERE id = $id', { id });
    return row ? this.#hydrate(row) : undefined;
  }

  async findLoadByHash(contentHash: string): Promise<LoadRecord | undefined> {
    const row = await this.db.one<LoadRow>(
      "SELECT * FROM loads WHERE content_hash = $hash AND status <> 'removed' ORDER BY id DESC LIMIT 1",
      { hash: contentHash },
    );
    return row ? this.#hydrate(row) : undefined;
  }

  async listLoads(options: { includeInactive?: boolean } = {}): Promise<LoadRecord[]> {
    const rows = await this.db.all<LoadRow>(
      options.includeInactive
        ? 'SELECT * FROM loads ORDER BY id'
        : "SELECT * FROM loads WHERE status = 'active' ORDER BY id",
    );
    return Promise.all(rows.map((row) => this.#hydrate(row)));
  }

  async findCurrentPeriods(key: PeriodKey, exceptLoadId: number) {
    // Loads of the same period from several processes take turns from here to their commit,
    // so the second sees (and replaces) the first instead of both staying current.
    await this.db.lockArea(
      `period:${JSON.stringify([key.providerName, key.billingAccountId, key.billingPeriodStart])}`,
    );
    const rows = await this.db.all<PeriodRow>(
      `SELECT p.* FROM load_periods p JOIN loads l ON l.id = p.load_id
       WHERE p.provider_name = $provider AND p.billing_account_id = $account
         AND p.billing_period_start = CAST($period AS TIMESTAMP)
         AND p.replaced_by_load_id IS NULL AND l.status = 'active' AND p.load_id <> $except`,
      { ...keyParams(key), except: exceptLoadId },
    );
    return rows.map((row) => ({ ...toPeriod(row), loadId: Number(row.load_id) }));
  }

  async markPeriodReplaced(loadId: number, key: PeriodKey, byLoadId: number): Promise<void> {
    await this.db.run(
      `UPDATE load_periods SET replaced_by_load_id = $by WHERE load_id = $loadId AND ${PERIOD_KEY_WHERE}`,
      {
        ...keyParams(key),
        by: byLoadId,
        loadId,
      },
    );
  }

  async refreshLoadStatus(loadId: number): Promise<void> {
    await this.db.run(
      `UPDATE loads SET status = 'replaced' WHERE id = $loadId AND status = 'active'
         AND NOT EXISTS (SELECT 1 FROM load_periods WHERE load_id = $loadId AND replaced_by_load_id IS NULL)`,
      { loadId },
    );
  }

  async markLoadRemoved(loadId: number): Promise<void> {
    await this.db.run("UPDATE loads SET status = 'removed' WHERE id = $loadId", { loadId });
  }

  async #hydrate(row: LoadRow): Promise<LoadRecord> {
    const id = Number(row.id);
    const files = await this.db.all<{ path: string; sha256: string; bytes: string; row_count: string }>(
      'SELECT path, sha256, bytes, row_count FROM load_files WHERE load_id = $id ORDER BY path',
      { id },
    );
    const periods = await this.db.all<PeriodRow>(
      `SELECT load_id, provider_name, billing_account_id, ${this.dialect.timestampText('billing_period_start')} AS billing_period_start,
         billing_currency, row_count, billed_cost::VARCHAR AS billed_cost, effective_cost::VARCHAR AS effective_cost, replaced_by_load_id
       FROM load_periods WHERE load_id = $id ORDER BY billing_period_start, provider_name, billing_account_id, billing_currency`,
      { id },
    );
    return {
      id,
      sourceFormat: row.source_format,
      focusVersion: row.focus_version,
      inputPath: row.input_path,
      contentHash: row.content_hash,
      fileCount: Number(row.file_count),
      rowCount: Number(row.row_count),
      rejectedCount: Number(row.rejected_count),
      warnings: JSON.parse(row.warnings) as Record<string, number>,
      status: row.status,
      loadedAt: row.loaded_at,
      files: files.map((file) => ({
        path: file.path,
        sha256: file.sha256,
        bytes: Number(file.bytes),
        rowCount: Number(file.row_count),
      })),
      periods: periods.map(toPeriod),
    };
  }
}
