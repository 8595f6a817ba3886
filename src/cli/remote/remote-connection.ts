import { TollgateError } from '../../core/errors.js';

/** Where a command asks a running Tollgate server instead of opening a database itself. */
export interface RemoteConnection {
  /** The server's base address, without a trailing slash: https://tollgate.example.com */
  server: string;
  token: string;
  /** How long one request may take before the server counts as unreachable. */
  timeoutMs: number;
}

export interface RemoteFlags {
  server?: string;
  token?: string;
  timeout?: string;
  /** Allow plain http to a machine other than this one (also TOLLGATE_INSECURE=1). */
  insecure?: boolean;
}

/** This machine: localhost, 127.0.0.0/8 or ::1, where plain http crosses no network. */
function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host) ||
    host === '[::1]'
  );
}

const MAX_TIMEOUT_SECONDS = 600;

/**
 * The connection from --server/--token/--timeout, else TOLLGATE_SERVER/TOLLGATE_TOKEN; undefined
 * when no server is named (the command then works on its local database). A server without a
 * token, a token without a server, or an address that is not http(s) is a usage error.
 */
export function readRemoteConnection(
  flags: RemoteFlags,
  env: NodeJS.ProcessEnv,
): RemoteConnection | undefined {
  const server = flags.server ?? (env.TOLLGATE_SERVER || undefined);
  const token = flags.token ?? (env.TOLLGATE_TOKEN || undefined);
  if (server === undefined) {
    if (flags.token !== undefined || flags.timeout !== undefined) {
      throw new TollgateError(
        'REMOTE_SERVER_MISSING',
        '--token and --timeout need --server (or TOLLGATE_SERVER): the address of a running tollgate serve.',
        'usage',
      );
    }
    return undefined;
  }
  let address: URL;
  try {
    address = new URL(server);
  } catch {
    throw new TollgateError(
      'REMOTE_SERVER_INVALID',
      `--server '${server}' is not an address: give one like https://tollgate.example.com.`,
      'usage',
    );
  }
  if (address.protocol !== 'http:' && address.protocol !== 'https:') {
    throw new TollgateError(
      'REMOTE_SERVER_INVALID',
      `--server '${server}' is not an http or https address: give one like https://tollgate.example.com.`,
      'usage',
    );
  }
  // The token (and a new user's password) travels in every request: readable on the way over plain http.
  if (
    address.protocol === 'http:' &&
    !isLoopbackHost(address.hostname) &&
    !flags.insecure &&
    env.TOLLGATE_INSECURE !== '1'
  ) {
    throw new TollgateError(
      'REMOTE_PLAIN_HTTP',
      `--server '${server}' is plain http to another machine: the API token (and any password) would cross the network readable, so nothing was sent. Use https://, or pass --insecure (or set TOLLGATE_INSECURE=1) if the network between is trusted.`,
      'usage',
    );
  }
  if (!token) {
    throw new TollgateError(
      'REMOTE_TOKEN_MISSING',
      'Asking a server needs an API token: pass --token or set TOLLGATE_TOKEN (create one with tollgate tokens create).',
      'usage',
    );
  }
  const seconds = flags.timeout === undefined ? 30 : Number(flags.timeout);
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_TIMEOUT_SECONDS) {
    throw new TollgateError(
      'REMOTE_TIMEOUT_INVALID',
      `--timeout '${flags.timeout}' is not a whole number of seconds from 1 to ${MAX_TIMEOUT_SECONDS}.`,
      'usage',
    );
  }
  return { server: address.href.replace(/\/+$/, ''), token, timeoutMs: seconds * 1000 };
}
