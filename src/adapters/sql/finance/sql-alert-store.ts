import type { AlertCondition, AlertRecord } from '../../../core/alerting/alert-model.js';
import type { WebhookFormat } from '../../../core/alerting/webhook-payload.js';
import type {
  AlertEvent,
  AlertSilence,
  AlertStore,
  DeliveryAttemptRecord,
  Webhook,
} from '../../../ports/alert-store.js';
import type { SqlDatabase } from '../sql-database.js';
import type { SqlDialect } from '../sql-dialect.js';

interface AlertRow extends Record<string, unknown> {
  id: string;
  dedup_key: string;
  budget_name: string;
  kind: AlertRecord['kind'];
  severity: AlertRecord['severity'];
  status: AlertRecord['status'];
  title: string;
  details: string;
  silenced: boolean;
  opened_at: string;
  last_seen_at: string;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
  resolved_at: string | null;
}

function toAlert(row: AlertRow): AlertRecord {
  return {
    id: Number(row.id),
    key: row.dedup_key,
    budget: row.budget_name,
    kind: row.kind,
    severity: row.severity,
    status: row.status,
    title: row.title,
    details: JSON.parse(row.details) as Record<string, unknown>,
    silenced: Boolean(row.silenced),
    openedAt: row.opened_at,
    lastSeenAt: row.last_seen_at,
    acknowledgedAt: row.acknowledged_at,
    acknowledgedBy: row.acknowledged_by,
    resolvedAt: row.resolved_at,
  };
}

/** Alerts, their history, silences, webhooks and deliveries, in the same tables and SQL on DuckDB and PostgreSQL. */
export class SqlAlertStore implements AlertStore {
  /** Instants to the second, as ISO-8601 UTC. */
  readonly #ts: SqlDialect['isoSecondColumn'];
  private readonly alertSelect: string;
  /**
   * What orders events of one instant as they were written: DuckDB's rowid follows insertion
   * in this append-only table; PostgreSQL's rows have no stable order, so its table numbers
   * them (alert_events.event_seq).
   */
  private readonly writeOrder: string;

  constructor(
    private readonly db: SqlDatabase,
    dialect: SqlDialect,
  ) {
    const ts = dialect.isoSecondColumn;
    this.#ts = ts;
    this.alertSelect = `SELECT CAST(id AS TEXT) AS id, dedup_key, budget_name, kind, severity, status, title, details,
      silenced, ${ts('opened_at')}, ${ts('last_seen_at')}, ${ts('acknowledged_at')}, acknowledged_by, ${ts('resolved_at')}
      FROM alerts`;
    this.writeOrder = dialect.engine === 'duckdb' ? 'alert_events.rowid' : 'alert_events.event_seq';
  }

  async #nextId(sequence: string): Promise<number> {
    // The sequence name is one of Tollgate's own, never user input.
    const row = await this.db.one<{ id: string }>(`SELECT nextval('${sequence}')::TEXT AS id`);
    return Number(row!.id);
  }

  async #addEvent(alertId: number, at: string, event: AlertEvent['event'], note: string | null) {
    await this.db.run(
      'INSERT INTO alert_events (alert_id, event_at, event, note) VALUES ($id, CAST($at AS TIMESTAMP), $event, $note)',
      { id: alertId, at, event, note },
    );
  }

  /**
   * Inside a transaction (alert evaluation runs in one), the lookup takes the alerts area until
   * commit, so two processes evaluating at once cannot both open the same alert: the second
   * waits, then finds the first one's alert and touches it.
   */
  async findActiveAlert(key: string): Promise<AlertRecord | undefined> {
    await this.db.lockArea('alerts');
    const row = await this.db.one<AlertRow>(
      `${this.alertSelect} WHERE dedup_key = $key AND status IN ('open', 'acknowledged') ORDER BY alerts.id DESC LIMIT 1`,
      { key },
    );
    return row ? toAlert(row) : undefined;
  }

  async openAlert(condition: AlertCondition, at: string, silenced: boolean): Promise<AlertRecord> {
    const id = await this.#nextId('alert_id_seq');
    await this.db.run(
      `INSERT INTO alerts VALUES ($id, $key, $budget, $kind, $severity, 'open', $title, $details, $silenced,
         CAST($at AS TIMESTAMP), CAST($at AS TIMESTAMP), NULL, NULL, NULL)`,
      {
        id,
        key: condition.key,
        budget: condition.budget,
        kind: condition.kind,
        severity: condition.severity,
        title: condition.title,
        details: JSON.stringify(condition.details),
        silenced,
        at,
      },
    );
    await this.#addEvent(
      id,
      at,
      silenced ? 'silenced' : 'opened',
      silenced ? 'opened during a silence' : null,
    );
    return (await this.getAlert(id))!;
  }

  async touchAlert(id: number, details: Record<string, unknown>, title: string, at: string): Promise<void> {
    await this.db.run(
      'UPDATE alerts SET details = $details, title = $title, last_seen_at = CAST($at AS TIMESTAMP) WHERE id = $id',
      { id, details: JSON.stringify(details), title, at },
    );
  }

  async resolveAlert(id: number, at: string, note: string): Promise<void> {
    await this.db.run(
      "UPDATE alerts SET status = 'resolved', resolved_at = CAST($at AS TIMESTAMP) WHERE id = $id",
      {
        id,
        at,
      },
    );
    await this.#addEvent(id, at, 'resolved', note);
  }

  async acknowledgeAlert(id: number, by: string, at: string): Promise<void> {
    await this.db.run(
      `UPDATE alerts SET status = 'acknowledged', acknowledged_at = CAST($at AS TIMESTAMP), acknowledged_by = $by
       WHERE id = $id`,
      { id, by, at },
    );
    await this.#addEvent(id, at, 'acknowledged', `by ${by}`);
  }

  async getAlert(id: number): Promise<AlertRecord | undefined> {
    const row = await this.db.one<AlertRow>(`${this.alertSelect} WHERE id = $id`, { id });
    return row ? toAlert(row) : undefined;
  }

  async listAlerts(options: { all?: boolean; budget?: string } = {}): Promise<AlertRecord[]> {
    const where: string[] = [];
    if (!options.all) where.push("status IN ('open', 'acknowledged')");
    if (options.budget !== undefined) where.push('budget_name = $budget');
    const rows = await this.db.all<AlertRow>(
      `${this.alertSelect} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY alerts.id`,
      options.budget === undefined ? {} : { budget: options.budget },
    );
    return rows.map(toAlert);
  }

  async listEvents(alertId: number): Promise<AlertEvent[]> {
    const rows = await this.db.all<{ at: string; event: AlertEvent['event']; note: string | null }>(
      `SELECT ${this.#ts('event_at', 'at')}, event, note FROM alert_events WHERE alert_id = $id ORDER BY alert_events.event_at, ${this.writeOrder}`,
      { id: alertId },
    );
    return rows.map((row) => ({ alertId, ...row }));
  }

  async addSilence(silence: Omit<AlertSilence, 'id'>, at: string): Promise<AlertSilence> {
    const id = await this.#nextId('alert_silence_id_seq');
    await this.db.run(
      `INSERT INTO alert_silences VALUES ($id, $budget, CAST($starts AS TIMESTAMP), CAST($ends AS TIMESTAMP), $reason,
         CAST($at AS TIMESTAMP))`,
      {
        id,
        budget: silence.budget,
        starts: silence.startsAt,
        ends: silence.endsAt,
        reason: silence.reason,
        at,
      },
    );
    return { id, ...silence };
  }

  async activeSilences(at: string): Promise<AlertSilence[]> {
    const rows = await this.db.all<{
      id: string;
      budget_name: string | null;
      starts_at: string;
      ends_at: string;
      reason: string;
    }>(
      `SELECT id::TEXT AS id, budget_name, ${this.#ts('starts_at')}, ${this.#ts('ends_at')}, reason FROM alert_silences
       WHERE starts_at <= CAST($at AS TIMESTAMP) AND ends_at > CAST($at AS TIMESTAMP) ORDER BY alert_silences.id`,
      { at },
    );
    return rows.map((row) => ({
      id: Number(row.id),
      budget: row.budget_name,
      startsAt: row.starts_at,
      endsAt: row.ends_at,
      reason: row.reason,
    }));
  }

  async addWebhook(webhook: Omit<Webhook, 'id'>, at: string): Promise<Webhook> {
    const id = await this.#nextId('webhook_id_seq');
    await this.db.run(
      'INSERT INTO webhooks VALUES ($id, $url, $format, $secret, true, CAST($at AS TIMESTAMP), $route)',
      {
        id,
        url: webhook.url,
        format: webhook.format,
        secret: webhook.secret,
        at,
        route: webhook.route,
      },
    );
    return { id, ...webhook };
  }

  async listWebhooks(): Promise<Webhook[]> {
    const rows = await this.db.all<{
      id: string;
      url: string;
      format: WebhookFormat;
      secret: string;
      route: string | null;
    }>('SELECT id::TEXT AS id, url, format, secret, route FROM webhooks WHERE active ORDER BY webhooks.id');
    return rows.map((row) => ({ ...row, id: Number(row.id) }));
  }

  async removeWebhook(id: number): Promise<boolean> {
    const removed = await this.db.all(
      'UPDATE webhooks SET active = false WHERE id = $id AND active RETURNING id',
      {
        id,
      },
    );
    return removed.length > 0;
  }

  /** The alert's area is held until commit, so two processes queueing at once add each delivery once. */
  queueDeliveries(alertId: number, at: string, webhookIds: readonly number[]): Promise<void> {
    return this.db.transaction(async () => {
      await this.db.lockArea(`alert-deliveries:${alertId}`);
      for (const webhookId of webhookIds)
        await this.db.run(
          `INSERT INTO alert_deliveries SELECT CAST($id AS BIGINT), w.id, 'pending', 0, CAST($at AS TIMESTAMP) FROM webhooks w
           WHERE w.active AND w.id = CAST($hook AS BIGINT) AND NOT EXISTS
             (SELECT 1 FROM alert_deliveries d WHERE d.alert_id = CAST($id AS BIGINT) AND d.webhook_id = w.id)`,
          { id: alertId, at, hook: webhookId },
        );
    });
  }

  requeueDeliveries(alertId: number, at: string, webhookIds: readonly number[]): Promise<void> {
    return this.db.transaction(async () => {
      await this.db.lockArea(`alert-deliveries:${alertId}`);
      for (const webhookId of webhookIds)
        await this.db.run(
          `UPDATE alert_deliveries SET status = 'pending', updated_at = CAST($at AS TIMESTAMP)
           WHERE alert_id = CAST($id AS BIGINT) AND webhook_id = CAST($hook AS BIGINT)`,
          { id: alertId, at, hook: webhookId },
        );
      await this.queueDeliveries(alertId, at, webhookIds);
    });
  }

  async pendingDeliveries(): Promise<{ alertId: number; webhookId: number; attempts: number }[]> {
    const rows = await this.db.all<{ alert_id: string; webhook_id: string; attempts: number }>(
      `SELECT d.alert_id::TEXT AS alert_id, d.webhook_id::TEXT AS webhook_id, d.attempts FROM alert_deliveries d
       JOIN webhooks w ON w.id = d.webhook_id WHERE d.status = 'pending' AND w.active ORDER BY d.alert_id, d.webhook_id`,
    );
    return rows.map((row) => ({
      alertId: Number(row.alert_id),
      webhookId: Number(row.webhook_id),
      attempts: Number(row.attempts),
    }));
  }

  async recordAttempt(attempt: DeliveryAttemptRecord, delivered: boolean): Promise<void> {
    await this.db.run(
      'INSERT INTO alert_delivery_attempts VALUES ($alert, $hook, $attempt, CAST($at AS TIMESTAMP), $status, $error, $ms)',
      {
        alert: attempt.alertId,
        hook: attempt.webhookId,
        attempt: attempt.attempt,
        at: attempt.at,
        status: attempt.httpStatus,
        error: attempt.error,
        ms: attempt.durationMs,
      },
    );
    await this.db.run(
      `UPDATE alert_deliveries SET attempts = attempts + 1, status = $status, updated_at = CAST($at AS TIMESTAMP)
       WHERE alert_id = $alert AND webhook_id = $hook`,
      {
        alert: attempt.alertId,
        hook: attempt.webhookId,
        at: attempt.at,
        status: delivered ? 'delivered' : 'pending',
      },
    );
  }

  async listAttempts(alertId?: number): Promise<DeliveryAttemptRecord[]> {
    const rows = await this.db.all<{
      alert_id: string;
      webhook_id: string;
      attempt: number;
      at: string;
      http_status: number | null;
      error: string | null;
      duration_ms: number;
    }>(
      `SELECT alert_id::TEXT AS alert_id, webhook_id::TEXT AS webhook_id, attempt, ${this.#ts('attempted_at', 'at')}, http_status, error,
         duration_ms FROM alert_delivery_attempts ${alertId === undefined ? '' : 'WHERE alert_id = $id'}
       ORDER BY alert_delivery_attempts.attempted_at, alert_delivery_attempts.alert_id,
         alert_delivery_attempts.webhook_id, attempt`,
      alertId === undefined ? {} : { id: alertId },
    );
    return rows.map((row) => ({
      alertId: Number(row.alert_id),
      webhookId: Number(row.webhook_id),
      attempt: Number(row.attempt),
      at: row.at,
      httpStatus: row.http_status === null ? null : Number(row.http_status),
      error: row.error,
      durationMs: Number(row.duration_ms),
    }));
  }
}
