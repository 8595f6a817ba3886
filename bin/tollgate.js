#!/usr/bin/env node
// The CLI as one bundle with a chunk per command (scripts/bundle-cli.ts, run by npm run build).
import '../dist/bundle/main.js';
