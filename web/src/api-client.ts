/**
 * The dashboard's only way to the server: the public HTTP API under /api/v1. A password
 * sign-in lives in the server's HTTP-only session cookie (the browser sends it; no script sees
 * it), and every change carries the session's CSRF token; a pasted API token is sent as a
 * bearer token instead. Errors become ApiError with the API's own plain-words message.
 */

export type QueryValue = string | number | boolean | null | undefined | readonly string[];

export interface FetchOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Record<string, QueryValue>;
  signal?: AbortSignal;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly requestId: string | undefined;

  constructor(status: number, code: string, message: string, requestId?: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.requestId = requestId;
  }
}

const TOKEN_KEY = 'tollgate.token';
let currentToken: string | null = readStoredToken();

function readStoredToken(): string | null {
  try {
    return globalThis.sessionStorage?.getItem(TOKEN_KEY) ?? null;
  } catch {
    return null;
  }
}

export function getToken(): string | null {
  return currentToken;
}

/** Keeps the token for this browser tab only (sessionStorage), so closing the tab signs out. */
export function setToken(token: string | null): void {
  currentToken = token;
  try {
    if (token === null) globalThis.sessionStorage?.removeItem(TOKEN_KEY);
    else globalThis.sessionStorage?.setItem(TOKEN_KEY, token);
  } catch {
    // Storage can be disabled (private windows); the token then lives until the page reloads.
  }
}

/** The CSRF token of the cookie session (kept in memory; a new tab asks the server for it). */
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Whether this tab is signed in with the session cookie (rather than a pasted API token). */
export function hasCookieSession(): boolean {
  return csrfToken !== null;
}

/** The headers that say who is asking, for the few requests made outside fetchJson (downloads). */
export function authHeaders(method = 'GET'): Record<string, string> {
  const headers: Record<string, string> = {};
  if (currentToken) headers.authorization = `Bearer ${currentToken}`;
  else if (csrfToken && method !== 'GET') headers['x-tollgate-csrf'] = csrfToken;
  return headers;
}

export function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) for (const item of value) params.append(key, item);
    else params.append(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** One request to the API; caching and sharing GET answers is TanStack Query's job (query-client.ts). */
export function fetchJson<T>(path: string, options: FetchOptions = {}): Promise<T> {
  return sendRequest<T>(options.method ?? 'GET', buildUrl(path, options.query), options);
}

async function sendRequest<T>(method: string, url: string, options: FetchOptions): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...authHeaders(method) };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(
      0,
      'NETWORK_UNREACHABLE',
      'The Tollgate server did not answer. Check that it is running and that you are online, then try again.',
    );
  }
  const text = await response.text();
  const body = parseBody(text);
  if (!response.ok) throw describeFailure(response, body);
  return body as T;
}

function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

interface ErrorBody {
  error?: { code?: unknown; message?: unknown; requestId?: unknown };
  message?: unknown;
}

/** The API answers `{ error: { code, message, requestId } }`; a proxy may answer anything else. */
function describeFailure(response: Response, body: unknown): ApiError {
  const error = (typeof body === 'object' && body !== null ? (body as ErrorBody) : {}).error;
  const code = typeof error?.code === 'string' ? error.code : `HTTP_${response.status}`;
  const requestId = typeof error?.requestId === 'string' ? error.requestId : undefined;
  if (typeof error?.message === 'string')
    return new ApiError(response.status, code, error.message, requestId);
  const plain =
    response.status === 401
      ? 'You are not signed in, or your session has ended. Sign in again.'
      : response.status === 403
        ? 'Your role may not see this. Ask an admin for a role that can.'
        : `The server answered ${response.status} ${response.statusText || ''}`.trim() + '. Try again later.';
  return new ApiError(response.status, code, plain, requestId);
}
