import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI_PATH, REPO_ROOT } from './run-cli.js';

/** A small demo year: every view has data, and building it takes about a minute, once. */
export const TEST_DEMO_ROWS = 2_000;

export interface DemoLogin {
  name: string;
  role: string;
  password: string;
  token: string;
}

export interface DemoServer {
  url: string;
  /** The day the demo is shown as of (its last day with cost data). */
  asOf: string;
  logins: Record<'admin' | 'approver' | 'viewer', DemoLogin>;
  /** GET an API path with a role's token; the parsed JSON answer. */
  api<T>(path: string, role?: 'admin' | 'approver' | 'viewer'): Promise<T>;
  stop(): Promise<void>;
}

interface DemoAnswer {
  url: string;
  asOf: string;
  logins: (DemoLogin & { what: string })[];
}

// One cache per checkout: a build clears its older builds' databases, and must not clear those
// of another checkout whose tests are running at the same time.
const CACHE_ROOT = join(
  tmpdir(),
  `tollgate-web-demo-cache-${createHash('sha256').update(REPO_ROOT).digest('hex').slice(0, 12)}`,
);

/**
 * Starts a real `tollgate demo --serve` (the built dist/) on loopback, on a copy of a demo
 * database. The demo database is generated once per build of dist/ and shared by every test
 * process through a folder keyed by a hash of dist/ and guarded by an exclusive lock file, so
 * two test files starting together build it once. Each server gets its own copy, so a test
 * that approves a change does not change another file's data.
 */
export async function startDemoServer(
  options: {
    /** Runs on this server's copy of the database before the server opens it (e.g. CLI set-up). */
    prepare?: (dbPath: string) => Promise<void>;
  } = {},
): Promise<DemoServer> {
  const dir = await copyDemoDatabase();
  await options.prepare?.(join(dir, 'tollgate.duckdb'));
  const { child, answer } = await runDemoServe(dir);
  const byRole = (role: string) => {
    const login = answer.logins.find((candidate) => candidate.role === role);
    if (!login) throw new Error(`the demo printed no ${role} login`);
    return login;
  };
  const logins = { admin: byRole('admin'), approver: byRole('approver'), viewer: byRole('viewer') };
  return {
    url: answer.url,
    asOf: answer.asOf,
    logins,
    async api<T>(path: string, role: 'admin' | 'approver' | 'viewer' = 'admin'): Promise<T> {
      const response = await fetch(new URL(path, answer.url), {
        headers: { authorization: `Bearer ${logins[role].token}` },
      });
      const body = await response.text();
      if (!response.ok) throw new Error(`${path} answered ${response.status}: ${body}`);
      return JSON.parse(body) as T;
    },
    async stop() {
      await stopProcess(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A fresh temp folder holding a copy of the cached demo database as tollgate.duckdb (the caller removes it). */
export async function copyDemoDatabase(): Promise<string> {
  const cached = await buildCachedDemo();
  const dir = mkdtempSync(join(tmpdir(), 'tollgate-web-'));
  for (const file of readdirSync(cached)) {
    if (file.startsWith('tollgate.duckdb')) copyFileSync(join(cached, file), join(dir, file));
  }
  return dir;
}

/** Runs `tollgate demo --serve --json` in `dir` and waits for its JSON line (URL and logins). */
function runDemoServe(
  dir: string,
  timeoutMs = 600_000,
): Promise<{ child: ChildProcess; answer: DemoAnswer }> {
  const child = spawn(
    process.execPath,
    [
      CLI_PATH,
      '--db',
      join(dir, 'tollgate.duckdb'),
      'demo',
      '--serve',
      '--rows',
      String(TEST_DEMO_ROWS),
      '--port',
      '0',
      '--out',
      join(dir, 'demo-data'),
      '--json',
    ],
    {
      cwd: dir,
      env: { ...process.env, TOLLGATE_DB: undefined, TOLLGATE_RATE_LIMIT: '100000' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`tollgate demo --serve did not start within ${timeoutMs} ms:\n${stderr}`));
    }, timeoutMs);
    child.stderr!.on('data', (chunk) => {
      stderr += chunk;
    });
    child.stdout!.on('data', (chunk) => {
      stdout += chunk;
      for (const line of stdout.split('\n')) {
        if (!line.startsWith('{"url"')) continue;
        clearTimeout(timer);
        resolve({ child, answer: JSON.parse(line) as DemoAnswer });
        return;
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`tollgate demo --serve exited with ${code}:\n${stderr}\n${stdout}`));
    });
  });
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** A hash of the built CLI: a new build means a new demo database (migrations may differ). */
function hashBuild(): string {
  const hash = createHash('sha256');
  const root = join(REPO_ROOT, 'dist');
  const files = readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.js'))
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((file) => !file.startsWith(join(root, 'web')))
    .sort();
  for (const file of files) hash.update(file).update(readFileSync(file));
  hash.update(String(TEST_DEMO_ROWS));
  return hash.digest('hex').slice(0, 16);
}

/** The cached demo database's folder, building it first under an exclusive lock if needed. */
async function buildCachedDemo(): Promise<string> {
  const key = hashBuild();
  const folder = join(CACHE_ROOT, key);
  const done = join(folder, 'ready');
  if (existsSync(done)) return folder;
  mkdirSync(CACHE_ROOT, { recursive: true });
  const lock = join(CACHE_ROOT, `${key}.lock`);
  await acquireLock(lock);
  try {
    if (existsSync(done)) return folder;
    // Older builds' databases are of no further use.
    for (const entry of readdirSync(CACHE_ROOT)) {
      if (entry !== key && !entry.endsWith('.lock'))
        rmSync(join(CACHE_ROOT, entry), { recursive: true, force: true });
    }
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder, { recursive: true });
    const { child } = await runDemoServe(folder);
    await stopProcess(child);
    rmSync(join(folder, 'demo-data'), { recursive: true, force: true });
    writeFileSync(done, new Date().toISOString());
    return folder;
  } finally {
    rmSync(lock, { force: true });
  }
}

/** An exclusive lock file holding its owner's pid; a lock whose owner died is taken over. */
async function acquireLock(lock: string): Promise<void> {
  for (;;) {
    try {
      writeFileSync(lock, String(process.pid), { flag: 'wx' });
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    try {
      const owner = Number(readFileSync(lock, 'utf8').trim());
      // A lock whose pid is not yet on disk is tolerated for a moment; a dead owner's is taken over.
      const stale =
        !Number.isInteger(owner) || owner <= 0
          ? Date.now() - statSync(lock).mtimeMs > 2_000
          : !isAlive(owner);
      if (stale) rmSync(lock, { force: true });
    } catch (error) {
      // The owner removed it between our attempts: try again.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
