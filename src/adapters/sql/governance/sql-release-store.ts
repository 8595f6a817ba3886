import type { Release, ReleaseBaseline, TimeEntry } from '../../../core/governance/releases/release-model.js';
import type { ReleaseStore } from '../../../ports/release-store.js';
import { optional, trimMoney } from '../sql-columns.js';
import type { SqlDatabase } from '../sql-database.js';
import type { SqlDialect } from '../sql-dialect.js';

interface ReleaseRow extends Record<string, unknown> {
  id: string;
  name: string;
  services: string;
  status: Release['status'];
  currency: string;
  budget: string | null;
  planned_date: string;
  cost_of_delay_per_week: string;
  spend_class: Release['spendClass'];
  spend_reason: string;
  estimate_json: string;
  created_at: string;
  closed_at: string | null;
}

interface TimeEntryRow extends Record<string, unknown> {
  release_id: string;
  person: string;
  role: string;
  hours: string;
  work_date: string;
  hourly_rate: string;
  amount: string;
  note: string | null;
}

function toRelease(row: ReleaseRow): Release {
  return {
    id: row.id,
    name: row.name,
    services: JSON.parse(row.services) as string[],
    status: row.status,
    currency: row.currency,
    budget: row.budget === null ? undefined : trimMoney(row.budget),
    plannedDate: row.planned_date,
    costOfDelayPerWeek: trimMoney(row.cost_of_delay_per_week),
    spendClass: row.spend_class,
    spendReason: row.spend_reason,
    estimate: JSON.parse(row.estimate_json) as Release['estimate'],
    createdAt: row.created_at,
    closedAt: optional(row.closed_at),
  };
}

function toTimeEntry(row: TimeEntryRow): TimeEntry {
  return {
    releaseId: row.release_id,
    person: row.person,
    role: row.role,
    hours: trimMoney(row.hours),
    date: row.work_date,
    hourlyRate: trimMoney(row.hourly_rate),
    amount: trimMoney(row.amount),
    note: optional(row.note),
  };
}

/** Releases, their closing and the time logged against them, on either engine. */
export class SqlReleaseStore implements ReleaseStore {
  private readonly releaseColumns: string;

  constructor(
    private readonly db: SqlDatabase,
    private readonly dialect: SqlDialect,
  ) {
    const { isoColumn, moneyColumn, dateColumn } = dialect;
    this.releaseColumns = `id, name, services, status, currency, ${moneyColumn('budget')}, ${dateColumn('planned_date')},
      ${moneyColumn('cost_of_delay_per_week')}, spend_class, spend_reason, estimate_json, ${isoColumn('created_at')},
      ${isoColumn('closed_at')}`;
  }

  async insertRelease(release: Release): Promise<void> {
    await this.db.run(
      `INSERT INTO releases VALUES ($id, $name, $services, $status, $currency, CAST($budget AS NUMERIC(38,16)),
         CAST($plannedDate AS DATE), CAST($costOfDelay AS NUMERIC(38,16)), $spendClass, $spendReason, $estimate,
         CAST($createdAt AS TIMESTAMP), NULL, NULL)`,
      {
        id: release.id,
        name: release.name,
        services: JSON.stringify(release.services),
        status: release.status,
        currency: release.currency,
        budget: release.budget ?? null,
        plannedDate: release.plannedDate,
        costOfDelay: release.costOfDelayPerWeek,
        spendClass: release.spendClass,
        spendReason: release.spendReason,
        estimate: JSON.stringify(release.estimate),
        createdAt: release.createdAt,
      },
    );
  }

  async getRelease(id: string): Promise<Release | undefined> {
    const row = await this.db.one<ReleaseRow>(`SELECT ${this.releaseColumns} FROM releases WHERE id = $id`, {
      id,
    });
    return row ? toRelease(row) : undefined;
  }

  async listReleases(): Promise<Release[]> {
    // Qualified: the bare name would sort by the selected text of the same name.
    const rows = await this.db.all<ReleaseRow>(
      `SELECT ${this.releaseColumns} FROM releases ORDER BY releases.planned_date, id`,
    );
    return rows.map(toRelease);
  }

  async closeRelease(id: string, closedAt: string, closing: unknown): Promise<void> {
    await this.db.run(
      "UPDATE releases SET status = 'closed', closed_at = CAST($closedAt AS TIMESTAMP), closing_json = $closing WHERE id = $id",
      { id, closedAt, closing: JSON.stringify(closing) },
    );
  }

  async getReleaseClosing(id: string): Promise<unknown | undefined> {
    const row = await this.db.one<{ closing_json: string | null }>(
      'SELECT closing_json FROM releases WHERE id = $id',
      { id },
    );
    return row?.closing_json ? (JSON.parse(row.closing_json) as unknown) : undefined;
  }

  async insertTimeEntry(entry: TimeEntry): Promise<void> {
    await this.db.run(
      `INSERT INTO release_time_entries (release_id, person, role, hours, work_date, hourly_rate, amount, note, logged_at)
       VALUES ($releaseId, $person, $role, CAST($hours AS NUMERIC(38,16)), CAST($date AS DATE),
         CAST($rate AS NUMERIC(38,16)), CAST($amount AS NUMERIC(38,16)), CAST($note AS TEXT), ${this.dialect.nowUtc})`,
      {
        releaseId: entry.releaseId,
        person: entry.person,
        role: entry.role,
        hours: entry.hours,
        date: entry.date,
        rate: entry.hourlyRate,
        amount: entry.amount,
        note: entry.note ?? null,
      },
    );
  }

  /** In the order worked, then logged; entry_seq orders entries logged in one transaction (one now()). */
  async listTimeEntries(releaseId: string): Promise<TimeEntry[]> {
    const { moneyColumn, dateColumn } = this.dialect;
    const rows = await this.db.all<TimeEntryRow>(
      `SELECT release_id, person, role, ${moneyColumn('hours')}, ${dateColumn('work_date')}, ${moneyColumn('hourly_rate')},
         ${moneyColumn('amount')}, note FROM release_time_entries WHERE release_id = $releaseId
       ORDER BY release_time_entries.work_date, logged_at, entry_seq`,
      { releaseId },
    );
    return rows.map(toTimeEntry);
  }

  async insertBaseline(baseline: ReleaseBaseline): Promise<void> {
    await this.db.run(
      `INSERT INTO release_baselines (release_id, version, estimate_json, total, reason, created_at, created_by)
       VALUES ($releaseId, $version, $estimate, CAST($total AS NUMERIC(38,16)), $reason, CAST($createdAt AS TIMESTAMP), $createdBy)`,
      {
        releaseId: baseline.releaseId,
        version: baseline.version,
        estimate: JSON.stringify(baseline.estimate),
        total: baseline.total,
        reason: baseline.reason,
        createdAt: baseline.createdAt,
        createdBy: baseline.createdBy,
      },
    );
  }

  async listBaselines(releaseId: string): Promise<ReleaseBaseline[]> {
    const { moneyColumn, isoColumn } = this.dialect;
    const rows = await this.db.all<{
      release_id: string;
      version: number | bigint;
      estimate_json: string;
      total: string;
      reason: string;
      created_at: string;
      created_by: string;
    }>(
      `SELECT release_id, version, estimate_json, ${moneyColumn('total')}, reason, ${isoColumn('created_at')}, created_by
       FROM release_baselines WHERE release_id = $releaseId ORDER BY version`,
      { releaseId },
    );
    return rows.map((row) => ({
      releaseId: row.release_id,
      version: Number(row.version),
      estimate: JSON.parse(row.estimate_json) as ReleaseBaseline['estimate'],
      total: trimMoney(row.total),
      reason: row.reason,
      createdAt: row.created_at,
      createdBy: row.created_by,
    }));
  }
}
