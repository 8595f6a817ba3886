import type { GovernanceNotice } from '../../../core/notices/governance-notice.js';
import type { NoticeDelivery, NoticeStore, QueuedNotice } from '../../../ports/notice-store.js';
import type { NotificationAttempt } from '../../../ports/notifier.js';
import type { SqlDatabase } from '../sql-database.js';
import type { SqlDialect } from '../sql-dialect.js';

interface NoticeRow extends Record<string, unknown> {
  id: string;
  notice: string;
  created_at: string;
}

function toNotice(row: NoticeRow): QueuedNotice {
  return {
    id: Number(row.id),
    notice: JSON.parse(row.notice) as GovernanceNotice,
    createdAt: row.created_at,
  };
}

/** Governance notices and their deliveries (migration 076), the same SQL on DuckDB and PostgreSQL. */
export class SqlNoticeStore implements NoticeStore {
  private readonly select: string;
  private readonly updatedAt: string;

  constructor(
    private readonly db: SqlDatabase,
    dialect: SqlDialect,
  ) {
    this.select = `SELECT CAST(n.id AS TEXT) AS id, n.notice, ${dialect.isoSecondColumn('n.created_at', 'created_at')}
      FROM governance_notices n`;
    this.updatedAt = dialect.isoSecondColumn('d.updated_at', 'updated_at');
  }

  /** The key's area is held until commit, so two processes queueing at once record the notice once. */
  queueNotice(
    notice: GovernanceNotice,
    webhookIds: readonly number[],
    at: string,
  ): Promise<QueuedNotice | undefined> {
    return this.db.transaction(async () => {
      await this.db.lockArea(`governance-notice:${notice.key}`);
      const existing = await this.db.one(
        'SELECT 1 AS found FROM governance_notices WHERE notice_key = $key',
        {
          key: notice.key,
        },
      );
      if (existing) return undefined;
      const row = await this.db.one<{ id: string }>(
        "SELECT CAST(nextval('governance_notice_id_seq') AS TEXT) AS id",
      );
      const id = Number(row!.id);
      await this.db.run(
        `INSERT INTO governance_notices (id, notice_key, kind, notice, created_at)
         VALUES ($id, $key, $kind, $notice, CAST($at AS TIMESTAMP))`,
        { id, key: notice.key, kind: notice.kind, notice: JSON.stringify(notice), at },
      );
      for (const webhookId of new Set(webhookIds))
        await this.db.run(
          `INSERT INTO governance_notice_deliveries (notice_id, webhook_id, status, attempts, last_error, updated_at)
           SELECT CAST($id AS BIGINT), w.id, 'pending', 0, NULL, CAST($at AS TIMESTAMP) FROM webhooks w
           WHERE w.active AND w.id = CAST($hook AS BIGINT)`,
          { id, hook: webhookId, at },
        );
      return { id, notice, createdAt: at };
    });
  }

  async pendingNoticeDeliveries(
    noticeId?: number,
  ): Promise<{ notice: QueuedNotice; webhookId: number; attempts: number }[]> {
    const rows = await this.db.all<NoticeRow & { webhook_id: string; attempts: number }>(
      `${this.select.replace(
        ' FROM governance_notices n',
        ', CAST(d.webhook_id AS TEXT) AS webhook_id, d.attempts FROM governance_notices n',
      )}
       JOIN governance_notice_deliveries d ON d.notice_id = n.id JOIN webhooks w ON w.id = d.webhook_id
       WHERE d.status = 'pending' AND w.active ${noticeId === undefined ? '' : 'AND n.id = CAST($id AS BIGINT)'}
       ORDER BY n.id, d.webhook_id`,
      noticeId === undefined ? {} : { id: noticeId },
    );
    return rows.map((row) => ({
      notice: toNotice(row),
      webhookId: Number(row.webhook_id),
      attempts: Number(row.attempts),
    }));
  }

  async recordNoticeAttempts(
    noticeId: number,
    webhookId: number,
    attempts: readonly NotificationAttempt[],
    delivered: boolean,
  ): Promise<void> {
    const last = attempts.at(-1);
    await this.db.run(
      `UPDATE governance_notice_deliveries SET status = $status, attempts = attempts + $count,
         last_error = $error, updated_at = CAST($at AS TIMESTAMP)
       WHERE notice_id = CAST($notice AS BIGINT) AND webhook_id = CAST($hook AS BIGINT) AND status = 'pending'`,
      {
        status: delivered ? 'delivered' : 'pending',
        count: attempts.length,
        error: last?.error ?? null,
        at: last?.at ?? new Date().toISOString(),
        notice: noticeId,
        hook: webhookId,
      },
    );
  }

  async listNotices(limit: number): Promise<(QueuedNotice & { deliveries: NoticeDelivery[] })[]> {
    const notices = (
      await this.db.all<NoticeRow>(`${this.select} ORDER BY n.id DESC LIMIT $limit`, { limit })
    ).map(toNotice);
    if (notices.length === 0) return [];
    const rows = await this.db.all<{
      notice_id: string;
      webhook_id: string;
      status: 'pending' | 'delivered';
      attempts: number;
      last_error: string | null;
      updated_at: string;
    }>(
      `SELECT CAST(d.notice_id AS TEXT) AS notice_id, CAST(d.webhook_id AS TEXT) AS webhook_id, d.status,
         d.attempts, d.last_error, ${this.updatedAt}
       FROM governance_notice_deliveries d WHERE d.notice_id >= CAST($first AS BIGINT)
       ORDER BY d.notice_id, d.webhook_id`,
      { first: notices.at(-1)!.id },
    );
    return notices.map((queued) => ({
      ...queued,
      deliveries: rows
        .filter((row) => Number(row.notice_id) === queued.id)
        .map((row) => ({
          noticeId: queued.id,
          webhookId: Number(row.webhook_id),
          status: row.status,
          attempts: Number(row.attempts),
          lastError: row.last_error,
          updatedAt: row.updated_at,
        })),
    }));
  }
}
