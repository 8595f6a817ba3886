import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { addRegistryAddresses, packRepository } from '../support/install-packed-tarball.js';
import { REPO_ROOT } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-dir.js';
import { readDockerfile, stageEnvironment, stageInstruction } from './read-dockerfile.js';

const run = promisify(execFile);

/** What `tollgate serve` reads at run time from the package: it must be in `files`. */
const SERVE_NEEDS = [
  'package.json',
  'bin/tollgate.js',
  'dist/cli/main.js',
  'dist/api/start-server.js',
  'dist/web/index.html',
  'src/adapters/duckdb/migrations/001_cost_lines_and_loads.sql',
  'src/adapters/postgres/migrations/001_cost_lines_and_loads.sql',
];

/**
 * There is no container engine here, so this runs what the Dockerfile's runtime stage runs, in a
 * temporary folder standing for the image's root: 1. the stages and their instructions are
 * checked (multi-stage, npm ci --omit=dev, a non-root user, the DuckDB file on a volume, a
 * HEALTHCHECK); 2. every file the build stage copies exists; 3. the package `npm pack` makes holds
 * what serve needs; 4. it is unpacked, installed with the stage's own `npm ci` (offline), and the
 * image's ENTRYPOINT + CMD started with the stage's environment; 5. the HEALTHCHECK's address
 * answers, the database file is created in the volume, and SIGTERM stops it cleanly.
 */
test('the Dockerfile runtime stage installs the packed package and its CMD serves a healthy API', {
  timeout: 600_000,
}, async () => {
  assert.ok(
    existsSync(join(REPO_ROOT, 'dist', 'cli', 'main.js')),
    'dist/ is missing: run npm run build first',
  );
  const stages = readDockerfile();
  assert.equal(stages.length, 2, 'a build stage and a runtime stage');
  const [build, runtime] = stages as [(typeof stages)[0], (typeof stages)[0]];
  assert.equal(build.name, 'build');
  assert.match(runtime.base, /^node:20-.*slim$/);

  // 1. What the build stage copies from the repository exists; node_modules and dist are built
  // inside the image, not copied from the host.
  for (const copy of build.instructions.filter((i) => i.keyword === 'COPY')) {
    const sources = copy.text.split(/\s+/).slice(0, -1);
    for (const source of sources) assert.ok(existsSync(join(REPO_ROOT, source)), `COPY ${source}: missing`);
  }
  const ignored = readFileSync(join(REPO_ROOT, '.dockerignore'), 'utf8').split('\n');
  for (const entry of ['node_modules', 'dist', '*.duckdb']) assert.ok(ignored.includes(entry), entry);
  const buildRun = build.instructions.filter((i) => i.keyword === 'RUN').map((i) => i.text);
  assert.ok(buildRun.some((text) => /npm run build/.test(text) && /npm pack/.test(text)));

  // 2. The runtime stage: the unpacked package and the lock, runtime packages only, not root.
  const copies = runtime.instructions.filter((i) => i.keyword === 'COPY').map((i) => i.text);
  assert.deepEqual(copies, ['--from=build /package/ ./', 'package-lock.json ./']);
  const install = runtime.instructions.find((i) => i.keyword === 'RUN')!.text;
  const npmCi = /npm (ci [^&]+)/.exec(install)![1]!.trim().split(/\s+/);
  assert.ok(npmCi.includes('--omit=dev'));
  const user = stageInstruction(runtime, 'USER');
  assert.notEqual(user, 'root');
  assert.match(install, new RegExp(`chown -R ${user}:${user} /var/lib/tollgate`));
  const env = stageEnvironment(runtime);
  const volumes = JSON.parse(stageInstruction(runtime, 'VOLUME')) as string[];
  assert.ok(volumes.includes(dirname(env.TOLLGATE_DB!)), 'the DuckDB file is on a volume');
  const entrypoint = JSON.parse(stageInstruction(runtime, 'ENTRYPOINT')) as string[];
  const cmd = JSON.parse(stageInstruction(runtime, 'CMD')) as string[];
  assert.deepEqual(entrypoint, ['tollgate']);
  assert.match(install, /ln -s \/opt\/tollgate\/bin\/tollgate\.js \/usr\/local\/bin\/tollgate/);
  const health = stageInstruction(runtime, 'HEALTHCHECK');
  const probe = /fetch\('(http:\/\/127\.0\.0\.1:(\d+)(\/[a-z]+))'\)/.exec(health)!;
  assert.equal(probe[2], cmd[cmd.indexOf('--port') + 1], 'the HEALTHCHECK asks the port CMD serves');

  // 3. The package holds what serve needs (the same list `npm pack --dry-run --json` prints).
  const root = makeTempDir('tollgate-image-');
  const tarball = await packRepository(root);
  for (const needed of SERVE_NEEDS) assert.ok(tarball.files.includes(needed), `the package lacks ${needed}`);

  // 4. The runtime stage's steps, with the image's folders under `root`.
  const app = join(root, 'opt', 'tollgate');
  mkdirSync(app, { recursive: true });
  await run('tar', ['-xzf', tarball.path, '-C', app, '--strip-components=1']);
  const lock = JSON.parse(readFileSync(join(REPO_ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dev?: boolean; version?: string }>;
  };
  writeFileSync(
    join(app, 'package-lock.json'),
    JSON.stringify({ ...lock, packages: await addRegistryAddresses(lock.packages) }),
  );
  await run('npm', [...npmCi, '--offline'], { cwd: app, maxBuffer: 64 * 1024 * 1024 });
  assert.ok(statSync(join(app, 'bin', 'tollgate.js')).mode & 0o111, 'bin/tollgate.js is executable');
  const devOnly = Object.entries(lock.packages)
    .filter(([path, entry]) => entry.dev && path.split('node_modules/').length === 2)
    .map(([path]) => path);
  assert.ok(devOnly.length > 0);
  for (const path of devOnly) assert.ok(!existsSync(join(app, path)), `${path} installed with --omit=dev`);

  const imageEnv = Object.fromEntries(
    Object.entries(env).map(([name, value]) => [name, value.startsWith('/') ? join(root, value) : value]),
  );
  for (const folder of [dirname(imageEnv.TOLLGATE_DB!), imageEnv.TOLLGATE_UPLOAD_DIR!])
    mkdirSync(folder, { recursive: true });
  const args = cmd.map((arg, index) => (cmd[index - 1] === '--port' ? '0' : arg));
  const server = spawn(process.execPath, [join(app, 'bin', 'tollgate.js'), ...args, '--json'], {
    cwd: join(root, 'var', 'lib', 'tollgate'),
    env: { PATH: process.env.PATH, HOME: root, TOLLGATE_SCHEDULER: 'off', ...imageEnv },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => server.on('exit', (code) => resolve(code)));
  try {
    let address: string | undefined;
    const errors: string[] = [];
    for await (const line of createInterface({ input: server.stderr! })) {
      errors.push(line);
      if (line.startsWith('{') && 'listening' in JSON.parse(line)) {
        address = (JSON.parse(line) as { listening: string }).listening;
        break;
      }
    }
    assert.ok(address, `serve did not start: ${errors.join('\n')}`);
    const port = new URL(address).port;
    // 5. The HEALTHCHECK's request, on the port the server took.
    const healthy = await fetch(probe[1]!.replace(`:${probe[2]}`, `:${port}`));
    assert.equal(healthy.status, 200);
    assert.deepEqual(await healthy.json(), { status: 'ok' });
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    assert.equal(ready.status, 200);
    assert.ok(existsSync(imageEnv.TOLLGATE_DB!), 'the DuckDB file is created on the volume');
  } finally {
    server.kill('SIGTERM');
  }
  assert.equal(await exited, 0);
});
