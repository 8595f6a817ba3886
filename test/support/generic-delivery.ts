import { signDelivery } from '../../src/core/access/signed-delivery.js';

/** The headers a generic webhook sender signs a delivery with, timestamped now unless told. */
export function genericDeliveryHeaders(
  secret: string,
  deliveryId: string,
  body: string,
  timestamp = String(Math.floor(Date.now() / 1000)),
): Record<string, string> {
  return {
    'x-tollgate-delivery': deliveryId,
    'x-tollgate-timestamp': timestamp,
    'x-tollgate-signature': signDelivery(secret, timestamp, deliveryId, body),
  };
}
