import type { AlertFeedback, AlertVerdict } from '../../../core/alerting/alert-feedback.js';
import type { AlertFeedbackStore } from '../../../ports/alert-feedback-store.js';
import type { SqlDatabase } from '../sql-database.js';
import type { SqlDialect } from '../sql-dialect.js';

interface FeedbackRow extends Record<string, unknown> {
  alert_id: string;
  verdict: AlertVerdict;
  note: string | null;
  recorded_by: string;
  recorded_at: string;
}

function toFeedback(row: FeedbackRow): AlertFeedback {
  return {
    alertId: Number(row.alert_id),
    verdict: row.verdict,
    note: row.note,
    recordedBy: row.recorded_by,
    recordedAt: row.recorded_at,
  };
}

/** Alert feedback (migration 051), the same SQL on DuckDB and PostgreSQL. */
export class SqlAlertFeedbackStore implements AlertFeedbackStore {
  private readonly select: string;

  constructor(
    private readonly db: SqlDatabase,
    dialect: SqlDialect,
  ) {
    this.select = `SELECT CAST(alert_feedback.alert_id AS TEXT) AS alert_id, verdict, note, recorded_by,
      ${dialect.isoSecondColumn('recorded_at')} FROM alert_feedback`;
  }

  async saveFeedback(feedback: AlertFeedback): Promise<void> {
    await this.db.run(
      `INSERT INTO alert_feedback (alert_id, verdict, note, recorded_by, recorded_at)
       VALUES ($id, $verdict, $note, $by, CAST($at AS TIMESTAMP))
       ON CONFLICT (alert_id) DO UPDATE SET verdict = EXCLUDED.verdict, note = EXCLUDED.note,
         recorded_by = EXCLUDED.recorded_by, recorded_at = EXCLUDED.recorded_at`,
      {
        id: feedback.alertId,
        verdict: feedback.verdict,
        note: feedback.note,
        by: feedback.recordedBy,
        at: feedback.recordedAt,
      },
    );
  }

  async getFeedback(alertId: number): Promise<AlertFeedback | undefined> {
    const row = await this.db.one<FeedbackRow>(`${this.select} WHERE alert_id = $id`, { id: alertId });
    return row ? toFeedback(row) : undefined;
  }

  async listFeedback(): Promise<(AlertFeedback & { kind: string; budget: string })[]> {
    const rows = await this.db.all<FeedbackRow & { kind: string; budget_name: string }>(
      `${this.select.replace(' FROM alert_feedback', ', alerts.kind, alerts.budget_name FROM alert_feedback')}
       JOIN alerts ON alerts.id = alert_feedback.alert_id ORDER BY alert_feedback.alert_id`,
    );
    return rows.map((row) => ({ ...toFeedback(row), kind: row.kind, budget: row.budget_name }));
  }
}
