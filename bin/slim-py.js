#!/usr/bin/env node
// Shim: the CLI is compiled to dist/ by `npm run build` (run automatically by `npm pack` / `npm install`).
import('../dist/src/cli.js').catch((err) => {
  process.stderr.write(`slim-py: could not start (${err?.message}). Try: npm run build\n`);
  process.exit(70);
});
