import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { CLI_PATH, REPO_ROOT } from '../support/run-cli.js';
import { runProcess } from '../support/run-process.js';
import { makeTempDir } from '../support/temp-dir.js';
import { startGovernanceApi } from './governance-fixture-server.js';

const dir = makeTempDir('tollgate-pipelines-');
const readYaml = (path: string) => parse(readFileSync(join(REPO_ROOT, path), 'utf8'));

// `tollgate` on the PATH, as the image or an installed package provides it.
const binDir = join(dir, 'bin');
mkdirSync(binDir, { recursive: true });
writeFileSync(join(binDir, 'tollgate'), `#!/bin/sh\nexec "${process.execPath}" "${CLI_PATH}" "$@"\n`);
chmodSync(join(binDir, 'tollgate'), 0o755);
const PATH = `${binDir}:${process.env.PATH}`;

describe('the GitLab CI template and the Argo examples, run against a local server', async () => {
  const api = await startGovernanceApi();
  /** What the server decides for a request, asked directly. */
  async function serverDecision(body: Record<string, string>): Promise<'allow' | 'deny'> {
    const answer = await api.json('/api/v1/gate', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    return answer.body.decision;
  }

  it('GitLab: the .tollgate-gate job script prints the reasons, keeps them as an artifact, exits as the gate does', async () => {
    const template = readYaml('ci/gitlab/tollgate-gate.gitlab-ci.yml');
    const job = template['.tollgate-gate'];
    assert.deepEqual(job.artifacts.paths, ['tollgate-gate.md']);
    assert.equal(job.artifacts.when, 'always');
    const env = {
      PATH,
      TOLLGATE_SERVER: api.base,
      TOLLGATE_TOKEN: api.tokens.analyst,
      TOLLGATE_SERVICE: 'payments',
      TOLLGATE_ENVIRONMENT: 'production',
      TOLLGATE_RELEASE: 'R-2026-03',
      CI_COMMIT_SHA: 'f00dcafe',
      // GitLab expands a job variable that names another: TOLLGATE_VERSION: ${CI_COMMIT_SHA}.
      TOLLGATE_VERSION: 'f00dcafe',
    };
    const run = await runProcess('sh', ['-c', job.script.join('\n')], { env, cwd: dir });
    const expected = await serverDecision({
      service: 'payments',
      environment: 'production',
      releaseId: 'R-2026-03',
      version: 'f00dcafe',
    });
    assert.equal(run.status, expected === 'allow' ? 0 : 1, run.stderr);
    const markdown = readFileSync(join(dir, 'tollgate-gate.md'), 'utf8');
    assert.match(markdown, expected === 'allow' ? /deployment allowed/ : /deployment denied/);
    assert.match(markdown, /version `f00dcafe` · release R-2026-03/);
    assert.ok(run.stdout.startsWith(markdown), 'the reasons are printed in the job log');

    const unreachable = await runProcess('sh', ['-c', job.script.join('\n')], {
      env: { ...env, TOLLGATE_SERVER: 'http://127.0.0.1:1' },
      cwd: dir,
    });
    assert.equal(unreachable.status, 3);
    assert.match(unreachable.stderr, /REMOTE_UNREACHABLE/);
  });

  it('Argo CD: the PreSync hook Job runs the gate with the token from its Secret', async () => {
    const job = readYaml('ci/argo/presync-gate-job.yaml');
    assert.equal(job.metadata.annotations['argocd.argoproj.io/hook'], 'PreSync');
    assert.equal(job.spec.backoffLimit, 0);
    const [container] = job.spec.template.spec.containers;
    // The example's service, environment and release, swapped for the test catalogue's.
    const ours: Record<string, string> = {
      '--service': 'payments',
      '--env': 'production',
      '--release': 'R-2026-03',
    };
    const args = (container.args as string[]).map((arg, i, all) => ours[all[i - 1]!] ?? arg);
    const env: Record<string, string> = { PATH };
    for (const variable of container.env as Array<{ name: string; value?: string; valueFrom?: unknown }>) {
      env[variable.name] = variable.valueFrom ? api.tokens.analyst : variable.value!;
    }
    env.TOLLGATE_SERVER = api.base;
    const run = await runProcess(container.command[0], args, { env, cwd: dir });
    const expected = await serverDecision({
      service: 'payments',
      environment: 'production',
      releaseId: 'R-2026-03',
    });
    assert.equal(run.status, expected === 'allow' ? 0 : 1, run.stderr);
    assert.match(run.stdout, new RegExp(`^${expected.toUpperCase()}: payments -> production`));
  });

  it('Argo Rollouts: the web metric asks the gate and succeeds only on allow', async () => {
    const template = readYaml('ci/argo/rollouts-analysis-template.yaml');
    const [metric] = template.spec.metrics;
    const web = metric.provider.web;
    const args: Record<string, string> = {
      'tollgate-server': api.base,
      'tollgate-token': api.tokens.analyst,
      service: 'payments',
      environment: 'production',
      version: 'v9',
    };
    const fill = (text: string) => text.replace(/\{\{args\.([\w-]+)\}\}/g, (_, name: string) => args[name]!);
    // As the web provider does: the templated request, then the JSON path, then the condition.
    const response = await fetch(fill(web.url), {
      method: web.method,
      headers: Object.fromEntries(
        (web.headers as Array<{ key: string; value: string }>).map((h) => [h.key, fill(h.value)]),
      ),
      body: fill(JSON.stringify(web.jsonBody)),
    });
    assert.equal(response.status, 200);
    const answer = (await response.json()) as { decision: string };
    assert.equal(web.jsonPath, '{$.decision}');
    const result = answer.decision;
    const [, wanted] = (metric.successCondition as string).match(/^result == "(\w+)"$/)!;
    const expected = await serverDecision({ service: 'payments', environment: 'production', version: 'v9' });
    assert.equal(result, expected);
    assert.equal(result === wanted, expected === 'allow');
    assert.ok(template.spec.args.some((arg: { name: string }) => arg.name === 'tollgate-token'));
    assert.ok(existsSync(join(REPO_ROOT, 'ci', 'argo', 'presync-gate-job.yaml')));
  });
});
