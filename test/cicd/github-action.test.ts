import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { readGateActionInputs } from '../../src/ci/github-action/action-inputs.js';
import { serveIssueComments, startFakeGitHubApi } from '../support/fake-github-api.js';
import { REPO_ROOT } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-dir.js';
import { closedPort, startGovernanceApi } from './governance-fixture-server.js';

const ACTION = parse(readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8')) as {
  inputs: Record<string, { required: boolean; default?: string }>;
  runs: { using: string; main: string };
};
const dir = makeTempDir('tollgate-action-');

/** Runs the action's script as the GitHub runner does: node on runs.main, inputs as INPUT_<NAME>. */
function runAction(inputs: Record<string, string>, github: Record<string, string>) {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH };
  for (const [name, spec] of Object.entries(ACTION.inputs)) {
    const value = inputs[name] ?? (spec.default?.startsWith('${{') ? '' : (spec.default ?? ''));
    env[`INPUT_${name.toUpperCase()}`] = value;
  }
  Object.assign(env, github);
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [join(REPO_ROOT, ACTION.runs.main)], { env, cwd: dir });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

function runnerFiles(name: string, event: unknown) {
  const files = {
    GITHUB_STEP_SUMMARY: join(dir, `${name}-summary.md`),
    GITHUB_OUTPUT: join(dir, `${name}-output.txt`),
    GITHUB_EVENT_PATH: join(dir, `${name}-event.json`),
  };
  writeFileSync(files.GITHUB_STEP_SUMMARY, '');
  writeFileSync(files.GITHUB_OUTPUT, '');
  writeFileSync(files.GITHUB_EVENT_PATH, JSON.stringify(event));
  return files;
}

describe('the GitHub Action', async () => {
  const api = await startGovernanceApi();
  const github = await startFakeGitHubApi();
  const comments = serveIssueComments(github, 'acme/shop');
  const gate = {
    server: api.base,
    token: api.tokens.analyst,
    service: 'payments',
    environment: 'production',
  };
  const pullRequestRun = (name: string) => ({
    ...runnerFiles(name, { pull_request: { number: 7 } }),
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_SHA: 'a1b2c3d',
    GITHUB_API_URL: github.url,
  });

  it('is a JavaScript action whose committed bundle is built from src/ci/github-action', async () => {
    assert.equal(ACTION.runs.using, 'node20');
    const { bundleGitHubAction } = await import('../../scripts/build-github-action.js');
    const fresh = await bundleGitHubAction(join(dir, 'bundle'));
    assert.equal(
      readFileSync(join(REPO_ROOT, ACTION.runs.main), 'utf8'),
      readFileSync(fresh, 'utf8'),
      'ci/github-action/gate-action.mjs is out of date: run node --import tsx scripts/build-github-action.ts',
    );
    // Every input the script reads is declared, and every declared one is read.
    const env = Object.fromEntries(
      Object.keys(ACTION.inputs).map((name) => [`INPUT_${name.toUpperCase()}`, 'x']),
    );
    const read = readGateActionInputs({
      ...env,
      'INPUT_ON-UNREACHABLE': 'deny',
      INPUT_COMMENT: 'true',
      INPUT_INSECURE: 'false',
    });
    assert.equal(Object.keys(read).length, Object.keys(ACTION.inputs).length);
  });

  it('on a pull request: writes the reasons as the job summary and one comment, sets the outputs, fails on deny', async () => {
    const runner = pullRequestRun('deny');
    const result = await runAction({ ...gate, release: 'R-2026-03', 'github-token': 'ghs_runner' }, runner);
    const expected = await api.json('/api/v1/gate', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        service: 'payments',
        environment: 'production',
        releaseId: 'R-2026-03',
        version: 'a1b2c3d',
      }),
    });
    assert.equal(expected.body.decision, 'deny');
    assert.equal(result.code, 1, result.stdout + result.stderr);
    const denied = expected.body.reasons
      .filter((r: { ok: boolean }) => !r.ok)
      .map((r: { check: string }) => r.check);
    assert.match(
      result.stdout,
      new RegExp(`^::error::Deployment denied: ${denied.join(', ')} did not pass\\.$`, 'm'),
    );
    const summary = readFileSync(runner.GITHUB_STEP_SUMMARY, 'utf8');
    assert.match(summary, /^### ⛔ Tollgate: deployment denied\n/);
    assert.match(summary, /version `a1b2c3d` · release R-2026-03/);
    for (const reason of expected.body.reasons)
      assert.ok(summary.includes(`| ${reason.check} |`), reason.check);
    assert.equal(
      readFileSync(runner.GITHUB_OUTPUT, 'utf8'),
      `decision=deny\ndenied-checks=${denied.join(',')}\n`,
    );
    assert.equal(comments.length, 1);
    assert.equal(comments[0]!.issue, 7);
    assert.equal(comments[0]!.body, `<!-- tollgate-gate -->\n${summary}`);
    assert.ok(github.calls.every((call) => call.authorization === 'Bearer ghs_runner'));

    // A second run edits the same comment instead of adding one.
    const again = await runAction(
      {
        ...gate,
        release: 'R-2026-03',
        'change-type': 'standard',
        estimate: '10',
        'github-token': 'ghs_runner',
      },
      pullRequestRun('allow'),
    );
    assert.equal(comments.length, 1);
    assert.equal(again.code, comments[0]!.body.includes('deployment allowed') ? 0 : 1, again.stdout);
    assert.deepEqual(
      github.calls.map((call) => call.method),
      ['GET', 'POST', 'GET', 'PATCH'],
    );
  });

  it('on a push: the summary only; an unreachable server fails the step unless on-unreachable is allow', async () => {
    const push = {
      ...runnerFiles('push', { ref: 'refs/heads/main' }),
      GITHUB_EVENT_NAME: 'push',
      GITHUB_API_URL: github.url,
    };
    const before = github.calls.length;
    const result = await runAction({ ...gate, release: 'R-2026-03' }, push);
    assert.equal(result.code, 1);
    assert.match(readFileSync(push.GITHUB_STEP_SUMMARY, 'utf8'), /deployment denied/);
    assert.equal(github.calls.length, before);

    const nowhere = `http://127.0.0.1:${await closedPort()}`;
    const closed = await runAction({ ...gate, server: nowhere }, push);
    assert.equal(closed.code, 1);
    assert.match(closed.stdout, /^::error::\[REMOTE_UNREACHABLE\] Could not reach the Tollgate server/m);
    const open = runnerFiles('open', {});
    const failOpen = await runAction(
      { ...gate, server: nowhere, 'on-unreachable': 'allow' },
      { ...open, GITHUB_EVENT_NAME: 'push' },
    );
    assert.equal(failOpen.code, 0, failOpen.stdout);
    assert.match(failOpen.stdout, /^::warning::.*fail open/m);
    assert.match(readFileSync(open.GITHUB_STEP_SUMMARY, 'utf8'), /not decided, allowed \(fail open\)/);
    assert.equal(readFileSync(open.GITHUB_OUTPUT, 'utf8'), 'decision=allow\ndenied-checks=\n');
  });

  it('refuses missing or wrong inputs with a clear error, deciding nothing', async () => {
    const files = runnerFiles('bad', {});
    const before = (await api.stores.access.audit.listEntries({ action: 'gate.decide' })).length;
    for (const [inputs, pattern] of [
      [{ ...gate, service: '' }, /\[ACTION_INPUT_MISSING\] The input 'service' is required/],
      [
        { ...gate, 'on-unreachable': 'maybe' },
        /\[ACTION_INPUT_INVALID\] The input 'on-unreachable' is 'maybe'/,
      ],
      [{ ...gate, server: 'ftp://x' }, /\[REMOTE_SERVER_INVALID\]/],
      [{ ...gate, token: 'tg_wrong' }, /^::error::\[[A-Z_]+\] .*\(server http/m],
    ] as const) {
      const result = await runAction(inputs, files);
      assert.equal(result.code, 1);
      assert.match(result.stdout, pattern);
    }
    assert.equal((await api.stores.access.audit.listEntries({ action: 'gate.decide' })).length, before);
    assert.equal(readFileSync(files.GITHUB_OUTPUT, 'utf8'), '');
  });
});
