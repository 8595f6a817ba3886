import { createHmac, timingSafeEqual } from 'node:crypto';

/** Constant-time equality of two strings (lengths may leak, contents do not). */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** `sha256=<hex HMAC-SHA256 of the raw body>`, as GitHub's X-Hub-Signature-256 and Tollgate's generic webhook send it. */
export function signBody(secret: string, body: Buffer | string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** Exactly the expected signature: a header with stray whitespace or another spelling does not pass. */
export function signatureMatches(secret: string, body: Buffer, header: string | undefined): boolean {
  return header !== undefined && safeEqual(signBody(secret, body), header);
}
