import { runGateAction } from './run-gate-action.js';

// The entry GitHub runs (bundled into ci/github-action/gate-action.mjs by scripts/build-github-action.ts).
process.exitCode = await runGateAction(process.env);
