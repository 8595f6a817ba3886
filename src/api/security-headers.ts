import helmet from 'helmet';

/**
 * Helmet's security headers (its defaults: CSP, HSTS, nosniff, frame and referrer policies and
 * the rest), worked out once. @fastify/helmet builds helmet's middleware anew on every request,
 * parsing the CSP directives each time, which cost as much main-thread time as deciding a
 * gate request; the defaults never change between requests, so their headers do not either.
 * Helmet stays the one that knows which headers to send: its middleware is run once against a
 * response that records what it sets.
 */
export function securityHeaders(): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: string | number | readonly string[]) => {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()];
    },
  };
  let failure: unknown;
  helmet()({} as never, recorder as never, (error?: unknown) => {
    failure = error;
  });
  if (failure) throw failure;
  return headers;
}
