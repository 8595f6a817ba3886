import type { AuditEntry } from '../../core/audit/audit-chain.js';
import type { AuditFilter, AuditLog } from '../../ports/audit-log.js';
import type { SqlParams } from '../../ports/sql-engine.js';
import type { DuckDbDatabase } from './duckdb-database.js';

interface AuditRow extends Record<string, unknown> {
  seq: string;
  at: string;
  actor: string;
  token_id: string | null;
  address: string | null;
  action: string;
  target: string;
  before_json: string;
  after_json: string;
  prev_hash: string;
  hash: string;
}

const COLUMNS =
  'seq::VARCHAR AS seq, recorded_at AS at, actor, token_id, address, action, target, before_json, after_json, prev_hash, hash';
const PAGE = 5000;

function toEntry(row: AuditRow): AuditEntry {
  return {
    seq: Number(row.seq),
    at: row.at,
    actor: row.actor,
    tokenId: row.token_id,
    address: row.address,
    action: row.action,
    target: row.target,
    before: JSON.parse(row.before_json),
    after: JSON.parse(row.after_json),
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

export class DuckDbAuditLog implements AuditLog {
  constructor(private readonly db: DuckDbDatabase) {}

  async lastEntry(): Promise<AuditEntry | undefined> {
    // max(seq) comes from the column statistics and the row by primary key: no sort of the log.
    const row = await this.db.one<AuditRow>(
      `SELECT ${COLUMNS} FROM audit_log WHERE audit_log.seq = (SELECT max(seq) FROM audit_log)`,
    );
    return row && toEntry(row);
  }

  async append(entry: AuditEntry): Promise<void> {
    await this.db.run(
      `INSERT INTO audit_log VALUES ($seq, $at, $actor, $tokenId, $address, $action, $target, $before, $after, $prevHash, $hash)`,
      {
        seq: entry.seq,
        at: entry.at,
        actor: entry.actor,
        tokenId: entry.tokenId,
        address: entry.address,
        action: entry.action,
        target: entry.target,
        before: JSON.stringify(entry.before ?? null),
        after: JSON.stringify(entry.after ?? null),
        prevHash: entry.prevHash,
        hash: entry.hash,
      },
    );
  }

  /** Several entries in one INSERT (the gate writes its audit entries in batches). */
  async appendEntries(entries: AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const params: SqlParams = {};
    const rows = entries.map((entry, index) => {
      const names = [
        'seq',
        'at',
        'actor',
        'tokenId',
        'address',
        'action',
        'target',
        'before',
        'after',
        'prevHash',
        'hash',
      ];
      const values = [
        entry.seq,
        entry.at,
        entry.actor,
        entry.tokenId,
        entry.address,
        entry.action,
        entry.target,
        JSON.stringify(entry.before ?? null),
        JSON.stringify(entry.after ?? null),
        entry.prevHash,
        entry.hash,
      ];
      names.forEach((name, column) => {
        params[`${name}${index}`] = values[column] ?? null;
      });
      return `(${names.map((name) => `$${name}${index}`).join(', ')})`;
    });
    await this.db.run(`INSERT INTO audit_log VALUES ${rows.join(', ')}`, params);
  }

  async listEntries(filter: AuditFilter): Promise<AuditEntry[]> {
    const where: string[] = [];
    const params: SqlParams = { limit: filter.limit ?? 100 };
    if (filter.actor !== undefined) {
      where.push('actor = $actor');
      params.actor = filter.actor;
    }
    if (filter.action !== undefined) {
      where.push('(action = $action OR starts_with(action, $actionPrefix))');
      params.action = filter.action;
      params.actionPrefix = `${filter.action}.`;
    }
    if (filter.target !== undefined) {
      where.push('target = $target');
      params.target = filter.target;
    }
    if (filter.since !== undefined) {
      where.push('recorded_at >= $since');
      params.since = filter.since;
    }
    if (filter.until !== undefined) {
      where.push('recorded_at < $until');
      params.until = filter.until;
    }
    if (filter.afterSeq !== undefined) {
      where.push('audit_log.seq > $afterSeq');
      params.afterSeq = filter.afterSeq;
    }
    const rows = await this.db.all<AuditRow>(
      `SELECT ${COLUMNS} FROM audit_log ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY audit_log.seq LIMIT $limit`,
      params,
    );
    return rows.map(toEntry);
  }

  async readAll(onPage: (entries: AuditEntry[]) => void | Promise<void>): Promise<void> {
    // Pages by row position, not by seq, so verification sees gaps and duplicates as stored.
    for (let offset = 0; ; offset += PAGE) {
      const rows = await this.db.all<AuditRow>(
        `SELECT ${COLUMNS} FROM audit_log ORDER BY audit_log.seq, audit_log.hash LIMIT ${PAGE} OFFSET $offset`,
        { offset },
      );
      if (rows.length > 0) await onPage(rows.map(toEntry));
      if (rows.length < PAGE) return;
    }
  }
}
