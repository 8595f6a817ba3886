export interface WebhookDelivery {
  provider: string;
  deliveryId: string;
  event: string;
  receivedAt: string;
  outcome: string;
  detail: unknown;
}

/** Deliveries of CI/CD webhooks already acted on, so a replay is acknowledged and not repeated. */
export interface WebhookDeliveryLog {
  getDelivery(provider: string, deliveryId: string): Promise<WebhookDelivery | undefined>;
  /** Records a delivery; call inside the transaction that acts on it. */
  saveDelivery(delivery: WebhookDelivery): Promise<void>;
  /** The deliveries among these ids already stored (each held as getDelivery holds it). */
  getDeliveries(provider: string, deliveryIds: string[]): Promise<WebhookDelivery[]>;
  /** Records several deliveries at once; call inside the transaction that acts on them. */
  saveDeliveries(deliveries: WebhookDelivery[]): Promise<void>;
}
