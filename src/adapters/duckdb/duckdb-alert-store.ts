import type { AlertCondition, AlertRecord } from '../../core/alerting/alert-model.js';
import type { WebhookFormat } from '../../core/alerting/webhook-payload.js';
import type {
  AlertEvent,
  AlertSilence,
  AlertStore,
  DeliveryAttemptRecord,
  Webhook,
} from '../../ports/alert-store.js';
import type { DuckDbDatabase } from './duckdb-database.js';

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

const TS = (column: string, alias = column) => `strftime(${column}, '%Y-%m-%dT%H:%M:%SZ') AS ${alias}`;
const ALERT_SELECT = `SELECT id::VARCHAR AS id, dedup_key, budget_name, kind, severity, status, title, details, silenced,
  ${TS('opened_at')}, ${TS('last_seen_at')}, ${TS('acknowledged_at')}, acknowledged_by, ${TS('resolved_at')} FROM alerts`;

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

export class DuckDbAlertStore implements AlertStore {
  constructor(private readonly db: DuckDbDatabase) {}

  private async nextId(sequence: string): Promise<number> {
    // The sequence name is one of Tollgate's own, never user input.
    const row = await this.db.one<{ id: string }>(`SELECT nextval('${sequence}')::VARCHAR AS id`);
    return Number(row!.id);
  }

  private async addEvent(alertId: number, at: string, event: AlertEvent['event'], note: string | null) {
    await this.db.run('INSERT INTO alert_events VALUES ($id, CAST($at AS TIMESTAMP), $event, $note)', {
      id: alertId,
      at,
      event,
      note,
    });
  }

  async findActiveAlert(key: string): Promise<AlertRecord | undefined> {
    const row = await this.db.one<AlertRow>(
      `${ALERT_SELECT} WHERE dedup_key = $key AND status IN ('open', 'acknowledged') ORDER BY alerts.id DESC LIMIT 1`,
      { key },
    );
    return row ? toAlert(row) : undefined;
  }

  async openAlert(condition: AlertCondition, at: string, silenced: boolean): Promise<AlertRecord> {
    const id = await this.nextId('alert_id_seq');
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
    await this.addEvent(
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
    await this.addEvent(id, at, 'resolved', note);
  }

  async acknowledgeAlert(id: number, by: string, at: string): Promise<void> {
    await this.db.run(
      `UPDATE alerts SET status = 'acknowledged', acknowledged_at = CAST($at AS TIMESTAMP), acknowledged_by = $by
       WHERE id = $id`,
      { id, by, at },
    );
    await this.addEvent(id, at, 'acknowledged', `by ${by}`);
  }

  async getAlert(id: number): Promise<AlertRecord | undefined> {
    const row = await this.db.one<AlertRow>(`${ALERT_SELECT} WHERE id = $id`, { id });
    return row ? toAlert(row) : undefined;
  }

  async listAlerts(options: { all?: boolean; budget?: string } = {}): Promise<AlertRecord[]> {
    const where: string[] = [];
    if (!options.all) where.push("status IN ('open', 'acknowledged')");
    if (options.budget !== undefined) where.push('budget_name = $budget');
    const rows = await this.db.all<AlertRow>(
      `${ALERT_SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY alerts.id`,
      options.budget === undefined ? {} : { budget: options.budget },
    );
    return rows.map(toAlert);
  }

  async listEvents(alertId: number): Promise<AlertEvent[]> {
    const rows = await this.db.all<{ at: string; event: AlertEvent['event']; note: string | null }>(
      `SELECT ${TS('event_at', 'at')}, event, note FROM alert_events WHERE alert_id = $id ORDER BY event_at, rowid`,
      { id: alertId },
    );
    return rows.map((row) => ({ alertId, ...row }));
  }

  async addSilence(silence: Omit<AlertSilence, 'id'>, at: string): Promise<AlertSilence> {
    const id = await this.nextId('alert_silence_id_seq');
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
      `SELECT id::VARCHAR AS id, budget_name, ${TS('starts_at')}, ${TS('ends_at')}, reason FROM alert_silences
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
    const id = await this.nextId('webhook_id_seq');
    await this.db.run(
      'INSERT INTO webhooks VALUES ($id, $url, $format, $secret, true, CAST($at AS TIMESTAMP))',
      {
        id,
        url: webhook.url,
        format: webhook.format,
        secret: webhook.secret,
        at,
      },
    );
    return { id, ...webhook };
  }

  async listWebhooks(): Promise<Webhook[]> {
    const rows = await this.db.all<{ id: string; url: string; format: WebhookFormat; secret: string }>(
      'SELECT id::VARCHAR AS id, url, format, secret FROM webhooks WHERE active ORDER BY webhooks.id',
    );
    return rows.map((row) => ({ ...row, id: Number(row.id) }));
  }

  async removeWebhook(id: number): Promise<boolean> {
    const found = await this.db.one('SELECT 1 AS found FROM webhooks WHERE id = $id AND active', { id });
    if (!found) return false;
    await this.db.run('UPDATE webhooks SET active = false WHERE id = $id', { id });
    return true;
  }

  async queueDeliveries(alertId: number, at: string): Promise<void> {
    await this.db.run(
      `INSERT INTO alert_deliveries SELECT $id, w.id, 'pending', 0, CAST($at AS TIMESTAMP) FROM webhooks w
       WHERE w.active AND NOT EXISTS (SELECT 1 FROM alert_deliveries d WHERE d.alert_id = $id AND d.webhook_id = w.id)`,
      { id: alertId, at },
    );
  }

  async pendingDeliveries(): Promise<{ alertId: number; webhookId: number; attempts: number }[]> {
    const rows = await this.db.all<{ alert_id: string; webhook_id: string; attempts: number }>(
      `SELECT d.alert_id::VARCHAR AS alert_id, d.webhook_id::VARCHAR AS webhook_id, d.attempts FROM alert_deliveries d
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
      `SELECT alert_id::VARCHAR AS alert_id, webhook_id::VARCHAR AS webhook_id, attempt, ${TS('attempted_at', 'at')}, http_status, error,
         duration_ms FROM alert_delivery_attempts ${alertId === undefined ? '' : 'WHERE alert_id = $id'}
       ORDER BY attempted_at, alert_id, webhook_id, attempt`,
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
