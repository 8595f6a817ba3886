import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readRemoteConnection } from '../../src/cli/remote/remote-connection.js';
import { isTollgateError } from '../../src/core/errors.js';
import { CLI_PATH, REPO_ROOT } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-dir.js';

const refusedAsPlainHttp = (error: unknown) =>
  isTollgateError(error) && error.code === 'REMOTE_PLAIN_HTTP' && error.kind === 'usage';

/**
 * The API token travels in every request to --server, and `users add --password-stdin` sends a
 * password: over plain http to another machine both would be readable on the way, so the CLI
 * (and the GitHub Action) refuse such an address unless told --insecure.
 */
describe('secrets are not sent over plain http to another machine', () => {
  it('refuses plain http to a host other than this machine, and says how to go on', () => {
    for (const server of [
      'http://tollgate.example.com',
      'http://192.0.2.10:8080',
      'http://127.0.0.1.nip.io',
      'http://[fd00::2]:8080',
      'HTTP://Tollgate.Example.com/',
    ])
      assert.throws(() => readRemoteConnection({ server, token: 'tg_x' }, {}), refusedAsPlainHttp, server);
    assert.throws(
      () => readRemoteConnection({ server: 'http://tollgate.example.com', token: 'tg_x' }, {}),
      /Use https:\/\/, or pass --insecure \(or set TOLLGATE_INSECURE=1\)/,
    );
  });

  it('allows https anywhere, plain http on this machine, and plain http elsewhere when told --insecure', () => {
    for (const server of [
      'https://tollgate.example.com',
      'http://127.0.0.1:8080',
      'http://127.8.9.10',
      'http://localhost:3000',
      'http://api.localhost',
      'http://[::1]:8080',
    ])
      assert.equal(readRemoteConnection({ server, token: 'tg_x' }, {})?.server, server.replace(/\/$/, ''));
    assert.equal(
      readRemoteConnection({ server: 'http://tollgate.example.com', token: 'tg_x', insecure: true }, {})
        ?.server,
      'http://tollgate.example.com',
    );
    assert.equal(
      readRemoteConnection(
        { server: 'http://tollgate.example.com', token: 'tg_x' },
        { TOLLGATE_INSECURE: '1' },
      )?.server,
      'http://tollgate.example.com',
    );
    assert.throws(
      () =>
        readRemoteConnection(
          { server: 'http://tollgate.example.com', token: 'tg_x' },
          { TOLLGATE_INSECURE: 'yes' },
        ),
      refusedAsPlainHttp,
    );
  });

  it('users add --password-stdin to a plain http server elsewhere exits 2 before reading or sending the password', () => {
    const dir = makeTempDir('tollgate-plain-http-');
    const result = spawnSync(
      process.execPath,
      [
        CLI_PATH,
        '--db',
        join(dir, 'local.duckdb'),
        'users',
        'add',
        'sam',
        '--role',
        'admin',
        '--password-stdin',
        '--server',
        'http://tollgate.example.com:8080',
        '--token',
        'tg_000000000000_secret',
      ],
      {
        cwd: REPO_ROOT,
        input: 'a-password\n',
        encoding: 'utf8',
        env: { ...process.env, TOLLGATE_DB: undefined },
      },
    );
    assert.equal(result.status, 2, result.stderr);
    assert.match(
      result.stderr,
      /^error \[REMOTE_PLAIN_HTTP\]: --server 'http:\/\/tollgate\.example\.com:8080' is plain http/,
    );
    assert.doesNotMatch(result.stderr, /a-password|secret/);
    for (const command of [['tokens', 'create'], ['users', 'list'], ['gate']])
      assert.ok(
        spawnSync(process.execPath, [CLI_PATH, ...command, '--help'], { encoding: 'utf8' }).stdout.includes(
          '--insecure',
        ),
        `${command.join(' ')} offers --insecure`,
      );
  });
});
