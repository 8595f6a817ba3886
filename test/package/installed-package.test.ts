import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { installTarballOffline, packRepository } from '../support/install-packed-tarball.js';
import { REPO_ROOT } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-dir.js';

const run = promisify(execFile);

test('npm pack makes a package that installs and runs on its own: --version and a small demo', async () => {
  assert.ok(
    existsSync(join(REPO_ROOT, 'dist', 'cli', 'main.js')),
    'dist/ is missing: run npm run build first',
  );
  const project = makeTempDir('tollgate-install-');
  const tarball = await packRepository(project);

  // What the package holds: the built code, the command, the SQL migrations and demo files it
  // reads at run time, the dashboard; none of the sources or tests.
  for (const needed of [
    'bin/tollgate.js',
    'dist/cli/main.js',
    'dist/bundle/main.js',
    'dist/web/index.html',
    'src/adapters/duckdb/migrations/001_cost_lines_and_loads.sql',
    'src/adapters/postgres/migrations/001_cost_lines_and_loads.sql',
    'src/demo/allocation/demo-catalog.yaml',
    'action.yml',
    'ci/github-action/gate-action.mjs',
    'ci/gitlab/tollgate-gate.gitlab-ci.yml',
  ]) {
    assert.ok(tarball.files.includes(needed), `the package lacks ${needed}`);
  }
  assert.deepEqual(
    tarball.files.filter((file) => file.startsWith('test/') || /^src\/.*\.tsx?$/.test(file)),
    [],
  );

  const tollgate = await installTarballOffline(project, tarball);
  const { version } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
    version: string;
  };
  const printed = await run(tollgate, ['--version'], { cwd: project });
  assert.equal(printed.stdout.trim(), version);

  const env = { ...process.env, TOLLGATE_DB: undefined };
  const demo = await run(
    tollgate,
    [
      '--db',
      join(project, 'demo.duckdb'),
      'demo',
      '--rows',
      '2000',
      '--out',
      join(project, 'demo-data'),
      '--json',
    ],
    { cwd: project, env, maxBuffer: 64 * 1024 * 1024 },
  );
  const summary = JSON.parse(demo.stdout) as {
    generated: { rows: number };
    ingest: { rowsLoaded: number; rowsRejected: number };
  };
  assert.ok(summary.generated.rows > 0);
  assert.equal(summary.ingest.rowsLoaded, summary.generated.rows);
  assert.equal(summary.ingest.rowsRejected, 0);
  // The installed copy is the one that ran, not the repository's.
  assert.ok(existsSync(join(project, 'node_modules', 'tollgate', 'dist', 'cli', 'main.js')));
});
