import type { WebhookDelivery, WebhookDeliveryLog } from '../../ports/audit-webhook-deliveries.js';
import type { PgDatabase } from './pg-database.js';

interface DeliveryRow extends Record<string, unknown> {
  provider: string;
  delivery_id: string;
  event: string;
  received_at: string;
  outcome: string;
  detail_json: string;
}

export class PgWebhookDeliveryLog implements WebhookDeliveryLog {
  constructor(private readonly db: PgDatabase) {}

  /**
   * Inside the transaction that acts on a delivery, the lookup holds that delivery id until
   * commit: the same delivery arriving at two API processes at once is acted on by one, and the
   * other then finds it recorded (a replay) instead of acting on it again.
   */
  async getDelivery(provider: string, deliveryId: string): Promise<WebhookDelivery | undefined> {
    await this.db.lockArea(`webhook-delivery:${provider}:${deliveryId}`);
    const row = await this.db.one<DeliveryRow>(
      'SELECT * FROM webhook_deliveries WHERE provider = $provider AND delivery_id = $deliveryId',
      { provider, deliveryId },
    );
    return (
      row && {
        provider: row.provider,
        deliveryId: row.delivery_id,
        event: row.event,
        receivedAt: row.received_at,
        outcome: row.outcome,
        detail: JSON.parse(row.detail_json),
      }
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
