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
  /** Batches (optional: callers fall back to the methods above, one delivery at a time). */
  getDeliveries?(provider: string, deliveryIds: string[]): Promise<WebhookDelivery[]>;
  saveDeliveries?(deliveries: WebhookDelivery[]): Promise<void>;
}
