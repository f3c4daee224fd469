// Shared by start, dev and tests: build what is missing or older than its sources.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function newestMtime(paths) {
  let newest = 0;
  const walk = (p) => {
    let st;
    try {
      st = fs.statSync(p);
    } catch {
      return;
    }
    if (st.isDirectory()) for (const e of fs.readdirSync(p)) walk(path.join(p, e));
    else newest = Math.max(newest, st.mtimeMs);
  };
  for (const p of paths) walk(path.join(root, p));
  return newest;
}

function mtime(p) {
  try {
    return fs.statSync(path.join(root, p)).mtimeMs;
  } catch {
    return 0;
  }
}

/** Builds the web app with Vite when dist/web is missing or older than its sources. */
export function ensureWebBuilt({ force = false } = {}) {
  const built = mtime('dist/web/index.html');
  const sources = newestMtime(['src/web', 'src/core', 'vite.config.ts', 'package-lock.json']);
  if (!force && built && built >= sources) return false;
  process.stdout.write('Building the web app (first start, or its sources changed)…\n');
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('The web app did not build (see above).');
  return true;
}

/** Bundles the server with esbuild (dependencies stay in node_modules) when stale. */
export async function ensureServerBuilt({ force = false } = {}) {
  const out = 'dist/server/main.mjs';
  const built = mtime(out);
  const sources = newestMtime(['src/server', 'src/core', 'package-lock.json']);
  if (!force && built && built >= sources) return path.join(root, out);
  const esbuild = await import('esbuild');
  await esbuild.build({
    entryPoints: [path.join(root, 'src/server/main.ts')],
    outfile: path.join(root, out),
    bundle: true,
    platform: 'node',
    format: 'esm',
    // 20.19, as package.json's engines: keeps import attributes (the confusables data is JSON in node_modules).
    target: 'node20.19',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
  return path.join(root, out);
}
