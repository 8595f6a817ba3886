import type { WebhookDelivery, WebhookDeliveryLog } from '../../ports/audit-webhook-deliveries.js';
import type { DuckDbDatabase } from './duckdb-database.js';

interface DeliveryRow extends Record<string, unknown> {
  provider: string;
  delivery_id: string;
  event: string;
  received_at: string;
  outcome: string;
  detail_json: string;
}

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

export class DuckDbWebhookDeliveryLog implements WebhookDeliveryLog {
  constructor(private readonly db: DuckDbDatabase) {}

  async getDelivery(provider: string, deliveryId: string): Promise<WebhookDelivery | undefined> {
    const row = await this.db.one<DeliveryRow>(
      'SELECT * FROM webhook_deliveries WHERE provider = $provider AND delivery_id = $deliveryId',
      { provider, deliveryId },
    );
    return row && toDelivery(row);
  }

  /** The deliveries among these ids already stored, in one lookup by the primary key. */
  async getDeliveries(provider: string, deliveryIds: string[]): Promise<WebhookDelivery[]> {
    if (deliveryIds.length === 0) return [];
    const rows = await this.db.all<DeliveryRow>(
      `SELECT * FROM webhook_deliveries
       WHERE provider = $provider AND delivery_id IN (SELECT unnest(from_json($ids, '["VARCHAR"]')))`,
      { provider, ids: JSON.stringify(deliveryIds) },
    );
    return rows.map(toDelivery);
  }

  /** Several deliveries in one INSERT of one JSON parameter (a stored one is updated, as saveDelivery does). */
  async saveDeliveries(deliveries: WebhookDelivery[]): Promise<void> {
    if (deliveries.length === 0) return;
    await this.db.run(
      `INSERT INTO webhook_deliveries
       SELECT r.provider, r.deliveryId, r.event, r.receivedAt, r.outcome, r.detail
       FROM (SELECT unnest(from_json($rows, '[{"provider":"VARCHAR","deliveryId":"VARCHAR","event":"VARCHAR","receivedAt":"VARCHAR","outcome":"VARCHAR","detail":"VARCHAR"}]')) AS r)
       ON CONFLICT (provider, delivery_id) DO UPDATE SET outcome = excluded.outcome, detail_json = excluded.detail_json`,
      {
        rows: JSON.stringify(
          deliveries.map((delivery) => ({
            ...delivery,
            detail: JSON.stringify(delivery.detail ?? null),
          })),
        ),
      },
    );
  }

  async saveDelivery(delivery: WebhookDelivery): Promise<void> {
    await this.db.run(
      `INSERT INTO webhook_deliveries VALUES ($provider, $deliveryId, $event, $receivedAt, $outcome, $detail)
       ON CONFLICT (provider, delivery_id) DO UPDATE SET outcome = excluded.outcome, detail_json = excluded.detail_json`,
      {
        provider: delivery.provider,
        deliveryId: delivery.deliveryId,
        event: delivery.event,
        receivedAt: delivery.receivedAt,
        outcome: delivery.outcome,
        detail: JSON.stringify(delivery.detail ?? null),
      },
    );
  }
}
