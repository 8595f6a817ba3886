import type { AuditEntry } from '../../core/audit/audit-chain.js';
import type { AuditFilter, AuditLog } from '../../ports/audit-log.js';
import type { SqlParams } from '../../ports/sql-engine.js';
import { auditEntryRow } from '../sql/store-rows.js';
import type { PgDatabase } from './pg-database.js';

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
  'seq::TEXT AS seq, recorded_at AS at, actor, token_id, address, action, target, before_json, after_json, prev_hash, hash';
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

export class PgAuditLog implements AuditLog {
  constructor(private readonly db: PgDatabase) {}

  /**
   * Called inside the writing transaction: takes the audit area until commit, so entries
   * appended by any number of API processes at once still form one chain (each reads the head
   * only after the previous writer committed).
   */
  async lastEntry(): Promise<AuditEntry | undefined> {
    await this.db.lockArea('audit');
    const row = await this.db.one<AuditRow>(
      `SELECT ${COLUMNS} FROM audit_log ORDER BY audit_log.seq DESC LIMIT 1`,
    );
    return row && toEntry(row);
  }

  async append(entry: AuditEntry): Promise<void> {
    await this.db.run(
      `INSERT INTO audit_log VALUES ($seq, $at, $actor, $tokenId, $address, $action, $target, $before, $after, $prevHash, $hash)`,
      auditEntryRow(entry),
    );
  }

  /**
   * Several chained entries in one statement (the gate writes its audit entries in batches);
   * call after lastEntry in the same transaction. Before and after travel as the JSON text
   * Tollgate wrote, so the stored text is what was hashed.
   */
  async appendEntries(entries: AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.db.run(
      `INSERT INTO audit_log
       SELECT CAST(e->>'seq' AS BIGINT), e->>'at', e->>'actor', e->>'tokenId', e->>'address', e->>'action', e->>'target',
         e->>'before', e->>'after', e->>'prevHash', e->>'hash'
       FROM jsonb_array_elements(CAST($entries AS JSONB)) AS e`,
      {
        entries: JSON.stringify(entries.map(auditEntryRow)),
      },
    );
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
