import { type ErrorKind, TollgateError } from '../../core/errors.js';
import type { RemoteConnection } from './remote-connection.js';

/** The server could not give an answer: not reached, timed out, or failed itself (5xx). */
export const REMOTE_UNREACHABLE = 'REMOTE_UNREACHABLE';

/** What an answer's status means on the command line (the kind picks the exit code). */
function kindOfStatus(status: number): ErrorKind {
  if (status === 400 || status === 401 || status === 403) return 'usage';
  if (status === 404) return 'not-found';
  if (status === 409) return 'conflict';
  return 'invalid-input';
}

interface ErrorAnswer {
  error?: { code?: string; message?: string; requestId?: string };
}

/**
 * A small client of Tollgate's HTTP API for commands that ask a running server: JSON in and
 * out, the token as a bearer, refusals turned back into the server's own code and message.
 */
export function createRemoteClient(connection: RemoteConnection) {
  async function send<T>(method: string, path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${connection.server}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${connection.token}`,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(connection.timeoutMs),
      });
    } catch (error) {
      const cause = error instanceof Error ? (error.cause ?? error) : error;
      const reason =
        error instanceof Error && error.name === 'TimeoutError'
          ? `no answer within ${connection.timeoutMs / 1000} s`
          : cause instanceof Error
            ? cause.message
            : String(cause);
      throw new TollgateError(
        REMOTE_UNREACHABLE,
        `Could not reach the Tollgate server at ${connection.server} (${reason}): check --server or TOLLGATE_SERVER and that the server runs.`,
        'unavailable',
      );
    }
    const text = await response.text();
    let answer: unknown;
    try {
      answer = text === '' ? undefined : JSON.parse(text);
    } catch {
      answer = undefined;
    }
    if (response.ok && answer !== undefined) return answer as T;
    const refusal = (answer as ErrorAnswer | undefined)?.error;
    const request = refusal?.requestId ? ` (request ${refusal.requestId})` : '';
    if (response.status >= 500 || !refusal?.code) {
      throw new TollgateError(
        REMOTE_UNREACHABLE,
        `The Tollgate server at ${connection.server} did not answer ${method} ${path} (HTTP ${response.status}${refusal?.message ? `: ${refusal.message}` : ''})${request}: see the server's log.`,
        'unavailable',
      );
    }
    throw new TollgateError(
      refusal.code,
      `${refusal.message ?? `HTTP ${response.status}`} (server ${connection.server}${request})`,
      kindOfStatus(response.status),
    );
  }
  return {
    get: <T>(path: string) => send<T>('GET', path),
    post: <T>(path: string, body: unknown) => send<T>('POST', path, body),
    delete: <T>(path: string) => send<T>('DELETE', path),
  };
}

export type RemoteClient = ReturnType<typeof createRemoteClient>;
