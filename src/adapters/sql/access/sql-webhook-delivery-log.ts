import type {
  WebhookBodyClaim,
  WebhookDelivery,
  WebhookDeliveryLog,
} from '../../../ports/audit-webhook-deliveries.js';
import { textColumns } from '../sql-columns.js';
import type { SqlDatabase } from '../sql-database.js';
import type { SqlDialect } from '../sql-dialect.js';

interface DeliveryRow extends Record<string, unknown> {
  provider: string;
  delivery_id: string;
  event: string;
  received_at: string;
  outcome: string;
  detail_json: string;
}

const DELIVERY_COLUMNS = [
  'provider',
  'delivery_id',
  'event',
  'received_at',
  'outcome',
  'detail_json',
] as const;

/** A stored delivery is updated (an answer that failed is retried by the sender's replay). */
const ON_CONFLICT =
  'ON CONFLICT (provider, delivery_id) DO UPDATE SET outcome = excluded.outcome, detail_json = excluded.detail_json';

function toDelivery(row: DeliveryRow): WebhookDelivery {
  return {
    provider: row.provider,
    deliveryId: row.delivery_id,
    event: row.event,
    receivedAt: row.received_at,
    outcome: row.outcome,
    detail: JSON.parse(row.detail_json),
  };
}

function deliveryRow(delivery: WebhookDelivery): Record<(typeof DELIVERY_COLUMNS)[number], string> {
  return {
    provider: delivery.provider,
    delivery_id: delivery.deliveryId,
    event: delivery.event,
    received_at: delivery.receivedAt,
    outcome: delivery.outcome,
    detail_json: JSON.stringify(delivery.detail ?? null),
  };
}

/**
 * CI/CD webhook deliveries already acted on, in the same table and SQL on DuckDB and
 * PostgreSQL. Inside the transaction that acts on a delivery, a lookup holds that delivery id
 * until commit: the same delivery arriving at two API processes at once is acted on by one,
 * and the other then finds it recorded (a replay) instead of acting on it again.
 */
export class SqlWebhookDeliveryLog implements WebhookDeliveryLog {
  constructor(
    private readonly db: SqlDatabase,
    private readonly dialect: SqlDialect,
  ) {}

  async getDelivery(provider: string, deliveryId: string): Promise<WebhookDelivery | undefined> {
    await this.db.lockArea(deliveryArea(provider, deliveryId));
    const row = await this.db.one<DeliveryRow>(
      'SELECT * FROM webhook_deliveries WHERE provider = $provider AND delivery_id = $deliveryId',
      { provider, deliveryId },
    );
    return row && toDelivery(row);
  }

  /** The deliveries among these ids already stored, in one lookup (each id held, in id order, as getDelivery holds it). */
  async getDeliveries(provider: string, deliveryIds: string[]): Promise<WebhookDelivery[]> {
    if (deliveryIds.length === 0) return [];
    const ids = [...new Set(deliveryIds)].sort();
    for (const id of ids) await this.db.lockArea(deliveryArea(provider, id));
    const rows = await this.db.all<DeliveryRow>(
      `SELECT * FROM webhook_deliveries
       WHERE provider = $provider AND delivery_id IN (SELECT r.id FROM ${this.dialect.jsonRows('ids', textColumns(['id']), 'r')})`,
      { provider, ids: JSON.stringify(ids.map((id) => ({ id }))) },
    );
    return rows.map(toDelivery);
  }

  async saveDelivery(delivery: WebhookDelivery): Promise<void> {
    await this.db.run(
      `INSERT INTO webhook_deliveries VALUES ($provider, $delivery_id, $event, $received_at, $outcome, $detail_json)
       ${ON_CONFLICT}`,
      deliveryRow(delivery),
    );
  }

  /** Several deliveries in one INSERT of one JSON parameter. */
  async saveDeliveries(deliveries: WebhookDelivery[]): Promise<void> {
    if (deliveries.length === 0) return;
    await this.db.run(
      `INSERT INTO webhook_deliveries
       SELECT ${DELIVERY_COLUMNS.map((column) => `r.${column}`).join(', ')}
       FROM ${this.dialect.jsonRows('rows', textColumns(DELIVERY_COLUMNS), 'r')}
       ${ON_CONFLICT}`,
      { rows: JSON.stringify(deliveries.map(deliveryRow)) },
    );
  }

  async claimBody(claim: WebhookBodyClaim, now: string): Promise<string | undefined> {
    await this.db.lockArea(`webhook-body:${claim.provider}:${claim.bodySha256}`);
    const earlier = await this.db.one<{ delivery_id: string; expires_at: string }>(
      'SELECT delivery_id, expires_at FROM webhook_body_claims WHERE provider = $provider AND body_sha256 = $digest',
      { provider: claim.provider, digest: claim.bodySha256 },
    );
    if (earlier && earlier.expires_at >= now)
      return earlier.delivery_id === claim.deliveryId ? undefined : earlier.delivery_id;
    await this.db.run('DELETE FROM webhook_body_claims WHERE expires_at < $now', { now });
    await this.db.run(
      `INSERT INTO webhook_body_claims VALUES ($provider, $digest, $deliveryId, $expiresAt)
       ON CONFLICT (provider, body_sha256) DO UPDATE SET delivery_id = excluded.delivery_id, expires_at = excluded.expires_at`,
      {
        provider: claim.provider,
        digest: claim.bodySha256,
        deliveryId: claim.deliveryId,
        expiresAt: claim.expiresAt,
      },
    );
    return undefined;
  }
}

function deliveryArea(provider: string, deliveryId: string): string {
  return `webhook-delivery:${provider}:${deliveryId}`;
}
