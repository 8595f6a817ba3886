import type { SqlDatabase } from '../sql-database.js';
import type { AuditWriter } from './audit-writer.js';

/**
 * The audit writer of a database shared by several processes (PostgreSQL): reading the head
 * inside the writing transaction takes the audit area until commit, so entries appended by any
 * number of API processes at once still form one chain (each reads the head only after the
 * previous writer committed).
 */
export function lockedAuditWriter(db: SqlDatabase): AuditWriter {
  return {
    async lastEntry(readHead) {
      await db.lockArea('audit');
      return readHead();
    },
    appendEntries: (entries, insert) => insert(entries),
  };
}
