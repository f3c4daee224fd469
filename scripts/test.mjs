// npm test: typecheck, lint, the suite on PGlite, again on PostgreSQL when TEST_DATABASE_URL
// is set, then the end-to-end test in Chromium. Stops at the first step that fails.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { root } from './build-lib.mjs';

const bin = (name) => path.join(root, 'node_modules/.bin', name);
const steps = [
  ['Typecheck', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']],
  ['Lint', bin('eslint'), ['--max-warnings', '0', '.']],
  ['Unit and API tests on PGlite (embedded)', bin('vitest'), ['run'], { ACCORD_TEST_DRIVER: 'pglite' }],
  process.env.TEST_DATABASE_URL
    ? ['Unit and API tests on PostgreSQL', bin('vitest'), ['run'], { ACCORD_TEST_DRIVER: 'postgres' }]
    : null,
  ['End-to-end in Chromium', process.execPath, [path.join(root, 'scripts/test-e2e.mjs')]],
].filter(Boolean);

if (!process.env.TEST_DATABASE_URL) {
  console.log('Note: TEST_DATABASE_URL is not set, so the suite runs on PGlite only. `bash .ci/run` sets it to a fresh PostgreSQL database.');
}
const started = Date.now();
for (const [title, cmd, args, env] of steps) {
  console.log(`\n━━ ${title}`);
  const t0 = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) {
    console.error(`\n✗ ${title} failed (exit ${r.status ?? r.signal}).`);
    process.exit(r.status || 1);
  }
  console.log(`✓ ${title} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}
console.log(`\nAll checks passed in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
