import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCli } from '../support/run-cli.js';
import { closedPort, startGovernanceApi } from './governance-fixture-server.js';

const ASK = ['--service', 'payments', '--env', 'production', '--release', 'R-2026-03', '--version', 'v1.5.0'];
const DENIED = [...ASK, '--at', '2026-03-04T11:00:00Z'];
const ALLOWED = [...ASK, '--change-type', 'standard', '--estimate', '10', '--at', '2026-03-04T11:00:00Z'];

describe('tollgate gate --server: the same gate from any pipeline', async () => {
  const local: Record<string, { code: number; stdout: string }> = {};
  const api = await startGovernanceApi(async (dbPath) => {
    // What the embedded gate prints, to compare with the remote one.
    for (const [name, args] of Object.entries({
      denied: DENIED,
      allowed: ALLOWED,
      markdown: [...DENIED, '--format', 'markdown'],
    })) {
      const result = await runCli(['--db', dbPath, 'gate', ...args]);
      local[name] = { code: result.code, stdout: result.stdout };
    }
  });
  const remote = ['--server', api.base, '--token', api.tokens.analyst];

  it('prints what the local gate prints, with its exit codes: 1 deny, 0 allow', async () => {
    assert.equal(local.denied!.code, 1);
    assert.equal(local.allowed!.code, 0, local.allowed!.stdout);
    const denied = await runCli(['gate', ...DENIED, ...remote]);
    assert.equal(denied.code, 1, denied.stderr);
    assert.equal(denied.stdout, local.denied!.stdout);
    assert.match(
      denied.stderr,
      /^error \[GATE_DENIED\]: Deployment denied: approvals, sign-off did not pass\./,
    );
    const allowed = await runCli(['gate', ...ALLOWED], {
      env: { TOLLGATE_SERVER: api.base, TOLLGATE_TOKEN: api.tokens.analyst },
    });
    assert.equal(allowed.code, 0, allowed.stderr);
    assert.equal(allowed.stdout, local.allowed!.stdout);
    const markdown = await runCli(['gate', ...DENIED, '--format', 'markdown', ...remote]);
    assert.equal(markdown.stdout, local.markdown!.stdout);
    const json = await runCli(['gate', ...DENIED, '--json', ...remote]);
    assert.equal(JSON.parse(json.stdout).decision, 'deny');
    // The server logged who asked: the token's user.
    const [entry] = await api.stores.access.audit.listEntries({ action: 'gate.decide' });
    assert.equal(entry!.actor, 'user:analyst-user');
  });

  it('exits 3 with a clear message when the server cannot be reached; allows with a warning when told to fail open', async () => {
    const nowhere = `http://127.0.0.1:${await closedPort()}`;
    const closed = await runCli(['gate', ...DENIED, '--server', nowhere, '--token', 'x']);
    assert.equal(closed.code, 3);
    assert.equal(closed.stdout, '');
    assert.match(
      closed.stderr,
      new RegExp(
        `^error \\[REMOTE_UNREACHABLE\\]: Could not reach the Tollgate server at ${nowhere} \\(.*ECONNREFUSED.*\\): check --server`,
      ),
    );
    const open = await runCli([
      'gate',
      ...DENIED,
      '--server',
      nowhere,
      '--token',
      'x',
      '--on-unreachable',
      'allow',
      '--json',
    ]);
    assert.equal(open.code, 0, open.stderr);
    assert.match(open.stderr, /^warning \[REMOTE_UNREACHABLE\]: .* \(fail open\)\./);
    assert.deepEqual(
      { ...JSON.parse(open.stdout), detail: undefined },
      {
        decision: 'allow',
        failOpen: true,
        service: 'payments',
        environment: 'production',
        detail: undefined,
      },
    );
    const openByEnv = await runCli(['gate', ...DENIED, '--server', nowhere, '--token', 'x'], {
      env: { TOLLGATE_GATE_ON_UNREACHABLE: 'allow' },
    });
    assert.equal(openByEnv.code, 0);
    assert.match(openByEnv.stdout, /^ALLOW \(fail open, not decided\): payments -> production/);
  });

  it('a refusal by the server is not an outage: a wrong token or role never fails open', async () => {
    const wrong = await runCli([
      'gate',
      ...DENIED,
      '--server',
      api.base,
      '--token',
      'tg_wrong',
      '--on-unreachable',
      'allow',
    ]);
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /^error \[[A-Z_]+\]: .*\(server http:\/\/127\.0\.0\.1:\d+/);
    const viewer = await runCli(['gate', ...DENIED, '--server', api.base, '--token', api.tokens.viewer]);
    assert.equal(viewer.code, 2);
    const ghost = await runCli(['gate', '--service', 'ghost', '--env', 'production', ...remote]);
    assert.equal(ghost.code, 2);
    assert.match(ghost.stderr, /^error \[UNKNOWN_SERVICE\]/);
  });

  it('refuses broken usage with exit 2 before asking anything', async () => {
    for (const [args, env, pattern] of [
      [['--server', api.base], { TOLLGATE_TOKEN: '' }, /REMOTE_TOKEN_MISSING.*--token or set TOLLGATE_TOKEN/],
      [['--server', 'ftp://example.com', '--token', 'x'], {}, /REMOTE_SERVER_INVALID/],
      [['--server', 'not a url', '--token', 'x'], {}, /REMOTE_SERVER_INVALID/],
      [['--token', 'x'], { TOLLGATE_SERVER: '' }, /REMOTE_SERVER_MISSING/],
      [[...remote, '--timeout', '0'], {}, /REMOTE_TIMEOUT_INVALID/],
      [[...remote, '--on-unreachable', 'maybe'], {}, /GATE_USAGE.*'maybe' is not deny or allow/],
      [[...remote, '--by', 'dana'], {}, /GATE_USAGE.*the token says who asks/],
    ] as const) {
      const result = await runCli(['gate', ...DENIED, ...args], { env });
      assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, pattern);
    }
    // Nothing was decided by the refused calls.
    const logged = await api.stores.access.audit.listEntries({ action: 'gate.decide' });
    assert.equal(logged.filter((entry) => entry.actor === 'user:analyst-user').length, 4);
  });
});
