// Bundles the GitHub Action (src/ci/github-action/gate-action-main.ts and what it imports) into
// one dependency-free file, ci/github-action/gate-action.mjs, which is committed: GitHub runs an
// action from the repository as it is, without npm install or a build.
// test/cicd/github-action.test.ts checks the committed file is this script's output.
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));

export async function bundleGitHubAction(outDir: string = `${root}ci/github-action`) {
  await build({
    configFile: false,
    root,
    logLevel: 'warn',
    build: {
      ssr: `${root}src/ci/github-action/gate-action-main.ts`,
      outDir,
      emptyOutDir: false,
      minify: false,
      target: 'node20',
      rollupOptions: { output: { entryFileNames: 'gate-action.mjs', format: 'es' } },
    },
    ssr: { noExternal: true, target: 'node' },
  });
  return `${outDir}/gate-action.mjs`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(`wrote ${await bundleGitHubAction()}`);
}
