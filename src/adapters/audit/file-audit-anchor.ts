import { appendFile, readFile } from 'node:fs/promises';
import { formatCheckpointLine, readCheckpointLines } from '../../core/audit/audit-checkpoint.js';
import type { AuditAnchor } from '../../ports/audit-anchor.js';

/**
 * Checkpoints appended to a file as JSON lines, each signed with the audit key (HMAC-SHA256).
 * Appending (never rewriting) lets the file sit on append-only storage (chattr +a, a log
 * shipper), so an older copy cannot silently replace it.
 */
export class FileAuditAnchor implements AuditAnchor {
  /** The furthest seq this process knows the file holds: read once, then kept, so a write reads no file. */
  private furthest: number | null = null;

  constructor(
    readonly location: string,
    private readonly key: string | null,
  ) {}

  async anchorHead(head: { seq: number; hash: string }): Promise<void> {
    this.furthest ??= (await this.readCheckpoints()).latest?.seq ?? 0;
    if (this.furthest >= head.seq) return;
    await appendFile(this.location, formatCheckpointLine(head, new Date().toISOString(), this.key), {
      mode: 0o600,
    });
    this.furthest = head.seq;
  }

  async readCheckpoints() {
    let text = '';
    try {
      text = await readFile(this.location, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    return readCheckpointLines(text, this.key);
  }
}

/** No checkpoint file configured (server mode without TOLLGATE_AUDIT_CHECKPOINT): nothing kept, nothing read. */
export const NO_AUDIT_ANCHOR: AuditAnchor = {
  location: null,
  anchorHead: async () => undefined,
  readCheckpoints: async () => ({ latest: null, checkpoints: [], problem: null }),
};

/**
 * The anchor of a database: the configured file, else `<database file>.audit-head` beside an
 * embedded database; a PostgreSQL database has none unless one is configured.
 */
export function openAuditAnchor(
  settings: { auditCheckpoint?: string | undefined; auditKey?: string | undefined },
  db: string,
): AuditAnchor {
  const embeddedFile = !/^postgres(ql)?:\/\//i.test(db) && db !== ':memory:';
  const location = settings.auditCheckpoint ?? (embeddedFile ? `${db}.audit-head` : undefined);
  return location === undefined ? NO_AUDIT_ANCHOR : new FileAuditAnchor(location, settings.auditKey ?? null);
}
