import { join } from 'node:path';
import { after } from 'node:test';
import { buildServer, type TollgateServer } from '../../src/api/build-server.js';
import { createToken } from '../../src/app/access/manage-tokens.js';
import { addUser } from '../../src/app/access/manage-users.js';
import { openTollgate } from '../../src/app/open-tollgate.js';
import { loadConfig, type ServerConfig } from '../../src/config/tollgate-config.js';
import { ROLES, type Role } from '../../src/core/access/roles.js';
import type { Stores } from '../../src/ports/stores.js';
import { makeTempDir } from '../support/temp-dir.js';

export const TEST_ACTOR = { name: 'cli:test', tokenId: null, address: 'local' };

export interface ApiHarness {
  base: string;
  dir: string;
  dbPath: string;
  stores: Stores;
  server: TollgateServer;
  /** One token per role; scoped roles answer for team payments. */
  tokens: Record<Role, string>;
  logs: string[];
  request(path: string, init?: RequestInit & { role?: Role | null; token?: string }): Promise<Response>;
  json(
    path: string,
    init?: RequestInit & { role?: Role | null; token?: string },
    // biome-ignore lint/suspicious/noExplicitAny: tests read answers of every shape
  ): Promise<{ status: number; body: any; headers: Headers }>;
  close(): Promise<void>;
}

/**
 * A real server on 127.0.0.1 with port 0 over a real DuckDB file in a temp folder, with one
 * user and token per role, answers checked against their schemas. Closed when the file ends.
 */
export async function startApi(
  overrides: Partial<ServerConfig> = {},
  env: NodeJS.ProcessEnv = {},
  prepare?: (dbPath: string) => Promise<void>,
): Promise<ApiHarness> {
  const dir = makeTempDir('tollgate-api-');
  const dbPath = join(dir, 'api.duckdb');
  await prepare?.(dbPath);
  const config = loadConfig({ db: dbPath }, { TOLLGATE_UPLOAD_DIR: join(dir, 'uploads'), ...env });
  const stores = await openTollgate(config);
  const logs: string[] = [];
  const server = await buildServer({
    stores,
    config: { ...config.server, ...overrides },
    dbPath,
    logStream: { write: (line: string) => void logs.push(line) },
    validateResponses: true,
  });
  const tokens = {} as Record<Role, string>;
  for (const role of ROLES) {
    const scoped = role === 'budget-owner' || role === 'approver';
    await addUser(stores, TEST_ACTOR, { name: `${role}-user`, role, scopes: scoped ? ['payments'] : [] });
    tokens[role] = (
      await createToken(stores, TEST_ACTOR, { user: `${role}-user`, label: 'test', expiresIn: '1d' })
    ).token;
  }
  await server.app.listen({ port: 0, host: '127.0.0.1' });
  const address = server.app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  let closed = false;
  const harness: ApiHarness = {
    base,
    dir,
    dbPath,
    stores,
    server,
    tokens,
    logs,
    request(path, init = {}) {
      const { role = 'admin', token, ...rest } = init;
      const headers = new Headers(rest.headers);
      const bearer = token ?? (role ? tokens[role] : undefined);
      if (bearer !== undefined && !headers.has('authorization'))
        headers.set('authorization', `Bearer ${bearer}`);
      return fetch(`${base}${path}`, { ...rest, headers });
    },
    async json(path, init) {
      const response = await harness.request(path, init);
      const text = await response.text();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // Not JSON: the test asserts on the text.
      }
      return { status: response.status, body, headers: response.headers };
    },
    async close() {
      if (closed) return;
      closed = true;
      await server.app.close();
      await server.services.scheduler.stop();
      await server.services.jobs.drain(5000);
      await stores.close();
    },
  };
  after(() => harness.close());
  return harness;
}

/** Waits for a job to finish, polling a bounded number of times. */
export async function waitForJob(api: ApiHarness, id: string, role: Role = 'admin') {
  // Bounded by count of polls, generous enough for a loaded machine; the test's own timeout is the backstop.
  for (let attempt = 0; attempt < 1200; attempt++) {
    const { body } = await api.json(`/api/v1/jobs/${id}`, { role });
    if (body.status === 'succeeded' || body.status === 'failed') return body;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`job ${id} did not finish`);
}
