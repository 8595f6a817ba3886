/** Stands for a webhook body that is not JSON, so the signature is checked before the body is judged. */
export const BAD_JSON = Symbol('bad-json');

export const WEBHOOK_PREFIX = '/api/v1/webhooks/';
