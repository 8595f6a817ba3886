import { createHmac } from 'node:crypto';
import { safeEqual } from './webhook-signature.js';

/**
 * The generic webhook's signature: `v1=` and the hex HMAC-SHA256, with the webhook secret, of
 * `<timestamp>.<delivery id>.<body>` (timestamp in Unix seconds, as sent in
 * X-Tollgate-Timestamp; the id as sent in X-Tollgate-Delivery; the raw body bytes). Signing all
 * three means a captured delivery cannot be replayed under a new id or at a later time.
 */
export function signDelivery(
  secret: string,
  timestamp: string,
  deliveryId: string,
  body: Buffer | string,
): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${deliveryId}.`).update(body).digest('hex')}`;
}

export type DeliveryRefusal = 'no-timestamp' | 'stale' | 'bad-signature';

export interface SignedDelivery {
  timestamp: string | undefined;
  deliveryId: string;
  body: Buffer;
  signature: string | undefined;
}

/**
 * Checks a generic delivery, in this order:
 * 1. the timestamp is whole Unix seconds (digits only);
 * 2. it is within `toleranceSeconds` of `nowSeconds`, either way;
 * 3. the signature is exactly the expected one, compared in constant time; no stray whitespace
 *    or other spelling passes.
 * Answers undefined when the delivery is authentic, else why not.
 */
export function checkSignedDelivery(
  secret: string,
  delivery: SignedDelivery,
  nowSeconds: number,
  toleranceSeconds: number,
): DeliveryRefusal | undefined {
  if (delivery.timestamp === undefined || !/^[0-9]{1,12}$/.test(delivery.timestamp)) return 'no-timestamp';
  if (Math.abs(nowSeconds - Number(delivery.timestamp)) > toleranceSeconds) return 'stale';
  const expected = signDelivery(secret, delivery.timestamp, delivery.deliveryId, delivery.body);
  return delivery.signature !== undefined && safeEqual(expected, delivery.signature)
    ? undefined
    : 'bad-signature';
}
