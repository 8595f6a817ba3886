// Bundles the built CLI into dist/bundle/ (bin/tollgate.js runs it), so a command starts sooner:
// Node resolves and loads a few files instead of several hundred (npm run bench:first-answer
// counts the start-up in every later answer).
// 1. Entry src/cli/main.ts; each command's module stays a chunk of its own (split at the
//    dynamic imports of src/cli/definitions), so `tollgate costs` loads only what costs uses.
// 2. The DuckDB driver's JavaScript (CommonJS, about 180 files), commander and decimal.js are
//    bundled in: src/adapters/duckdb/duckdb-driver.ts is swapped for a static import of the
//    driver, which the bundle runs without Node's CommonJS loader or its export scan.
// 3. Every other dependency stays a package import (the API server's, PostgreSQL's), as does
//    the driver's native binding (@duckdb/node-bindings, a .node file).
// dist/bundle/ sits two levels below the package root, like dist/adapters/, so
// src/adapters/package-root.ts finds the migrations and the web files from there too.
import { readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const BUNDLED_PACKAGES = ['@duckdb/node-api', 'commander', 'decimal.js'];

/** Swaps the driver's createRequire load for a static import the bundler can follow. */
const bundledDriver: Plugin = {
  name: 'bundled-duckdb-driver',
  setup(pluginBuild) {
    pluginBuild.onLoad({ filter: /[\\/]src[\\/]adapters[\\/]duckdb[\\/]duckdb-driver\.ts$/ }, () => ({
      contents: "import * as duckdb from '@duckdb/node-api';\nexport { duckdb };\n",
      loader: 'ts',
      resolveDir: `${root}src/adapters/duckdb`,
    }));
  },
};

export async function bundleCli(outDir: string = `${root}dist/bundle`): Promise<string> {
  const { dependencies } = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as {
    dependencies: Record<string, string>;
  };
  const external = [
    ...Object.keys(dependencies).filter((name) => !BUNDLED_PACKAGES.includes(name)),
    '@duckdb/node-bindings',
  ];
  rmSync(outDir, { recursive: true, force: true });
  await build({
    entryPoints: { main: `${root}src/cli/main.ts` },
    outdir: outDir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external,
    plugins: [bundledDriver],
    // Bundled CommonJS calls require for the packages left outside (the native binding).
    banner: {
      js: "import { createRequire as bundleRequire } from 'node:module';\nconst require = bundleRequire(import.meta.url);",
    },
    // Chunks beside main.js: package-root.ts, bundled into one of them, counts two levels up.
    chunkNames: '[name]-[hash]',
    logLevel: 'warning',
  });
  return `${outDir}/main.js`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(`wrote ${await bundleCli()}`);
}
