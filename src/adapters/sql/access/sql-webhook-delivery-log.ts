import type {
  WebhookBodyClaim,
  WebhookDelivery,
  WebhookDeliveryLog,
} from '../../../ports/audit-webhook-deliveries.js';
import { textColumns } from '../sql-columns.js';
import { runWrite, type SqlDatabase } from '../sql-database.js';
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
    await runWrite(
      this.db,
      `INSERT INTO webhook_deliveries
       SELECT ${DELIVERY_COLUMNS.map((column) => `r.${column}`).join(', ')}
       FROM ${this.dialect.jsonRows('rows', textColumns(DELIVERY_COLUMNS), 'r')}
       ${ON_CONFLICT}`,
      { rows: JSON.stringify(deliveries.map(deliveryRow)) },
    );
  }

  async claimBody(claim: WebhookBodyClaim, now: string): Promise<string | undefined> {
    return (await this.claimBodies([claim], now))[0];
  }

  /**
   * Claims several bodies in three statements, whatever their number (one lookup of the
   * claims already held, one removal of the expired ones, one insert), in the order given: a
   * body claimed earlier in the same call under another id is answered with that id, as a
   * claim held in the table is. Each body's area is taken first, in a fixed order.
   */
  async claimBodies(claims: readonly WebhookBodyClaim[], now: string): Promise<(string | undefined)[]> {
    if (claims.length === 0) return [];
    const keyOf = (claim: { provider: string; bodySha256: string }) =>
      `${claim.provider}\u0000${claim.bodySha256}`;
    const distinct = new Map(claims.map((claim) => [keyOf(claim), claim]));
    for (const key of [...distinct.keys()].sort()) {
      const claim = distinct.get(key)!;
      await this.db.lockArea(`webhook-body:${claim.provider}:${claim.bodySha256}`);
    }
    const held = await this.db.all<{
      provider: string;
      body_sha256: string;
      delivery_id: string;
      expires_at: string;
    }>(
      `SELECT c.provider, c.body_sha256, c.delivery_id, c.expires_at
       FROM webhook_body_claims c
       JOIN ${this.dialect.jsonRows('bodies', textColumns(['provider', 'body_sha256']), 'r')}
         ON c.provider = r.provider AND c.body_sha256 = r.body_sha256`,
      {
        bodies: JSON.stringify(
          [...distinct.values()].map((claim) => ({
            provider: claim.provider,
            body_sha256: claim.bodySha256,
          })),
        ),
      },
    );
    const holder = new Map<string, { deliveryId: string; expiresAt: string }>();
    for (const row of held)
      if (row.expires_at >= now)
        holder.set(keyOf({ provider: row.provider, bodySha256: row.body_sha256 }), {
          deliveryId: row.delivery_id,
          expiresAt: row.expires_at,
        });
    const writes = new Map<string, WebhookBodyClaim>();
    const answers = claims.map((claim) => {
      const key = keyOf(claim);
      const earlier = holder.get(key);
      if (earlier) return earlier.deliveryId === claim.deliveryId ? undefined : earlier.deliveryId;
      holder.set(key, { deliveryId: claim.deliveryId, expiresAt: claim.expiresAt });
      writes.set(key, claim);
      return undefined;
    });
    if (writes.size === 0) return answers;
    await runWrite(this.db, 'DELETE FROM webhook_body_claims WHERE expires_at < $now', { now });
    await runWrite(
      this.db,
      `INSERT INTO webhook_body_claims
       SELECT r.provider, r.body_sha256, r.delivery_id, r.expires_at
       FROM ${this.dialect.jsonRows('claims', textColumns(['provider', 'body_sha256', 'delivery_id', 'expires_at']), 'r')}
       ON CONFLICT (provider, body_sha256) DO UPDATE SET delivery_id = excluded.delivery_id, expires_at = excluded.expires_at`,
      {
        claims: JSON.stringify(
          [...writes.values()].map((claim) => ({
            provider: claim.provider,
            body_sha256: claim.bodySha256,
            delivery_id: claim.deliveryId,
            expires_at: claim.expiresAt,
          })),
        ),
      },
    );
    return answers;
  }
}

function deliveryArea(provider: string, deliveryId: string): string {
  return `webhook-delivery:${provider}:${deliveryId}`;
}
