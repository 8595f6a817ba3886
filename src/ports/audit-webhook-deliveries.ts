export interface WebhookDelivery {
  provider: string;
  deliveryId: string;
  event: string;
  receivedAt: string;
  outcome: string;
  detail: unknown;
}

/** A signed body's first delivery, remembered until it expires (ISO 8601 UTC). */
export interface WebhookBodyClaim {
  provider: string;
  bodySha256: string;
  deliveryId: string;
  expiresAt: string;
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
  /**
   * Records that this body was delivered under this id, unless an unexpired claim names another
   * id: then nothing is written and that id is answered (the delivery is a replay). Call inside
   * the transaction that acts on the delivery; the body is held until commit, so two processes
   * claiming it at once are serialised. Expired claims are forgotten.
   */
  claimBody(claim: WebhookBodyClaim, now: string): Promise<string | undefined>;
  /**
   * Claims several bodies at once, in the order given, as claimBody would one after another
   * (a body claimed earlier in the list under another id answers that id): one answer each.
   */
  claimBodies(claims: readonly WebhookBodyClaim[], now: string): Promise<(string | undefined)[]>;
}
