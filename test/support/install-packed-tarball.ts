import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from './run-cli.js';

const run = promisify(execFile);

interface LockEntry {
  version?: string;
  dev?: boolean;
  [field: string]: unknown;
}

export interface PackedTarball {
  path: string;
  fileName: string;
  integrity: string;
  files: string[];
}

/** `npm pack` of the repository as it stands (dist/ built beforehand by `npm run build`). */
export async function packRepository(destination: string): Promise<PackedTarball> {
  // --ignore-scripts: `prepare` would rebuild dist/ under the feet of other tests; a user's
  // `npm pack` runs it and builds first.
  const { stdout } = await run(
    'npm',
    ['pack', '--ignore-scripts', '--json', '--pack-destination', destination],
    { cwd: REPO_ROOT, maxBuffer: 64 * 1024 * 1024 },
  );
  const [packed] = JSON.parse(stdout) as Array<{
    filename: string;
    integrity: string;
    files: Array<{ path: string }>;
  }>;
  return {
    path: join(destination, packed!.filename),
    fileName: packed!.filename,
    integrity: packed!.integrity,
    files: packed!.files.map((file) => file.path),
  };
}

/**
 * Installs a packed tarball into an empty project as a user's `npm install tollgate-x.tgz` would,
 * without the network: 1. the project depends on the tarball only; 2. its lock file is the
 * repository's, cut down to the runtime packages (those npm marks neither dev nor optional-dev),
 * so npm resolves nothing and takes every package from its local cache; 3. `npm ci --offline`
 * installs exactly that tree and links the `tollgate` command into node_modules/.bin.
 */
export async function installTarballOffline(project: string, tarball: PackedTarball): Promise<string> {
  const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
    version: string;
    dependencies: Record<string, string>;
    bin: Record<string, string>;
    engines: Record<string, string>;
    license: string;
  };
  const repoLock = JSON.parse(readFileSync(join(REPO_ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, LockEntry>;
  };
  const dependency = `file:${tarball.fileName}`;
  const packages: Record<string, LockEntry> = {
    '': { name: 'tollgate-install-check', dependencies: { tollgate: dependency } },
    'node_modules/tollgate': {
      version: manifest.version,
      resolved: dependency,
      integrity: tarball.integrity,
      license: manifest.license,
      dependencies: manifest.dependencies,
      bin: manifest.bin,
      engines: manifest.engines,
    },
  };
  const runtime = Object.entries(await addRegistryAddresses(repoLock.packages)).filter(
    ([path, entry]) => path !== '' && !entry.dev && !entry.devOptional,
  );
  for (const [path, entry] of runtime) packages[path] = entry;
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'tollgate-install-check', private: true, dependencies: { tollgate: dependency } }),
  );
  writeFileSync(
    join(project, 'package-lock.json'),
    JSON.stringify({ name: 'tollgate-install-check', lockfileVersion: 3, requires: true, packages }),
  );
  await run('npm', ['ci', '--offline', '--no-audit', '--no-fund'], {
    cwd: project,
    maxBuffer: 64 * 1024 * 1024,
  });
  return join(project, 'node_modules', '.bin', 'tollgate');
}

/**
 * The lock's entries, each with its registry address: the repository's lock omits them
 * (omit-lockfile-registry-resolved), and without one npm asks the registry for the package's
 * document, which an offline cache may lack.
 */
export async function addRegistryAddresses(
  packages: Record<string, LockEntry>,
): Promise<Record<string, LockEntry>> {
  const registry = (await run('npm', ['config', 'get', 'registry'])).stdout.trim().replace(/\/$/, '');
  const addressed: Record<string, LockEntry> = {};
  for (const [path, entry] of Object.entries(packages)) {
    if (path === '' || entry.link) {
      addressed[path] = entry;
      continue;
    }
    const name = path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
    const baseName = name.slice(name.lastIndexOf('/') + 1);
    addressed[path] = { resolved: `${registry}/${name}/-/${baseName}-${entry.version}.tgz`, ...entry };
  }
  return addressed;
}
