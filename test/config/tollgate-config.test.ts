import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { loadConfig } from '../../src/config/tollgate-config.js';
import { isTollgateError } from '../../src/core/errors.js';

/** The message loadConfig refuses `env` with (it must refuse it as a usage error). */
function refusal(env: NodeJS.ProcessEnv, flags: { db?: string } = {}): string {
  try {
    loadConfig(flags, env);
  } catch (error) {
    assert.ok(isTollgateError(error), String(error));
    assert.equal(error.code, 'CONFIG_INVALID');
    assert.equal(error.kind, 'usage');
    return error.message;
  }
  assert.fail(`${JSON.stringify(env)} was accepted`);
}

describe('loadConfig', () => {
  it('gives every setting its default when nothing is set', () => {
    const config = loadConfig({}, {});
    assert.equal(config.db, resolve('./tollgate.duckdb'));
    assert.equal(config.memoryLimit, '384MB');
    assert.equal(config.threads, 2);
    assert.deepEqual(config.postgres, { poolSize: 10, connectRetryMs: 30_000, migrateOnStart: true });
    assert.equal(config.server.bodyLimitBytes, 1024 * 1024);
    assert.equal(config.server.uploadLimitBytes, 2 * 1024 ** 3);
    assert.equal(config.server.logLevel, 'info');
    assert.equal(config.server.trustProxy, '');
    assert.equal(config.server.githubApiUrl, 'https://api.github.com');
    assert.equal(config.server.uploadDir, undefined);
    assert.equal(config.server.githubToken, undefined);
  });

  it('reads each setting from its variable, the flag before TOLLGATE_DB', () => {
    const config = loadConfig(
      { db: ':memory:' },
      {
        TOLLGATE_DB: 'ignored.duckdb',
        TOLLGATE_THREADS: ' 8 ',
        TOLLGATE_MEMORY_LIMIT: '1.5 GiB',
        TOLLGATE_MIGRATE_ON_START: 'False',
        TOLLGATE_LOG_LEVEL: 'warn',
        TOLLGATE_UPLOAD_DIR: '/tmp/up',
        TOLLGATE_GITHUB_API_URL: '  https://ghe.example/api/v3  ',
        TOLLGATE_TRUST_PROXY: '10.0.0.0/8, ::1',
      },
    );
    assert.equal(config.db, ':memory:');
    assert.equal(config.threads, 8);
    assert.equal(config.memoryLimit, '1.5 GiB');
    assert.equal(config.postgres.migrateOnStart, false);
    assert.equal(config.server.logLevel, 'warn');
    assert.equal(config.server.uploadDir, '/tmp/up');
    assert.equal(config.server.githubApiUrl, 'https://ghe.example/api/v3');
    assert.equal(config.server.trustProxy, '10.0.0.0/8, ::1');
    assert.equal(loadConfig({}, { TOLLGATE_MIGRATE_ON_START: '1' }).postgres.migrateOnStart, true);
  });

  it('refuses a broken setting with its name and what is wrong, the first in schema order', () => {
    const cases: [NodeJS.ProcessEnv, string][] = [
      [
        { TOLLGATE_THREADS: 'many' },
        'Setting threads is invalid: Invalid input: expected number, received NaN.',
      ],
      [
        { TOLLGATE_THREADS: 'Infinity' },
        'Setting threads is invalid: Invalid input: expected number, received Infinity.',
      ],
      [
        { TOLLGATE_THREADS: '1.5' },
        'Setting threads is invalid: Invalid input: expected int, received number.',
      ],
      [{ TOLLGATE_THREADS: '0' }, 'Setting threads is invalid: Too small: expected number to be >=1.'],
      [{ TOLLGATE_THREADS: '' }, 'Setting threads is invalid: Too small: expected number to be >=1.'],
      [{ TOLLGATE_THREADS: '65' }, 'Setting threads is invalid: Too big: expected number to be <=64.'],
      [
        { TOLLGATE_THREADS: '1e20' },
        'Setting threads is invalid: Too big: expected int to be <=9007199254740991.',
      ],
      [
        { TOLLGATE_MEMORY_LIMIT: 'lots' },
        'Setting memoryLimit is invalid: write a size such as 512MB or 2GB.',
      ],
      [{ TOLLGATE_DB: '' }, 'Setting db is invalid: Too small: expected string to have >=1 characters.'],
      [
        { TOLLGATE_MIGRATE_ON_START: 'maybe' },
        'Setting postgres.migrateOnStart is invalid: Invalid option: expected one of "0"|"1"|"true"|"false".',
      ],
      [
        { TOLLGATE_LOG_LEVEL: 'loud' },
        'Setting server.logLevel is invalid: Invalid option: expected one of "fatal"|"error"|"warn"|"info"|"debug"|"trace"|"silent".',
      ],
      [
        { TOLLGATE_OWNER_TAG: 'x'.repeat(101) },
        'Setting server.ownerTag is invalid: Too big: expected string to have <=100 characters.',
      ],
      [
        { TOLLGATE_GITHUB_WEBHOOK_SECRET: 'short' },
        'Setting server.githubWebhookSecret is invalid: Too small: expected string to have >=16 characters.',
      ],
      [
        { TOLLGATE_TRUST_PROXY: 'proxy.example' },
        'Setting server.trustProxy is invalid: write addresses or CIDRs separated by commas.',
      ],
      [{ TOLLGATE_GITHUB_API_URL: 'nope' }, 'Setting server.githubApiUrl is invalid: Invalid URL.'],
      [
        { TOLLGATE_UPLOAD_DIR: '' },
        'Setting server.uploadDir is invalid: Too small: expected string to have >=1 characters.',
      ],
      [
        { TOLLGATE_PG_POOL_SIZE: '0', TOLLGATE_LOG_LEVEL: 'loud' },
        'Setting postgres.poolSize is invalid: Too small: expected number to be >=1.',
      ],
      [
        { TOLLGATE_DB: 'postgres://localhost' },
        'Setting db is invalid: a PostgreSQL URL reads postgres://user:password@host:5432/database (host and database name are required).',
      ],
    ];
    for (const [env, message] of cases) assert.equal(refusal(env), message, JSON.stringify(env));
  });
});
