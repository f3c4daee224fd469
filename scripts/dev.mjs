// npm run dev: the API server with reload on change (tsx watch) and Vite's dev server with HMR.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { root } from './build-lib.mjs';

const children = [
  spawn(process.execPath, ['--import', 'tsx', '--watch', path.join(root, 'src/server/main.ts'), ...process.argv.slice(2)], { stdio: 'inherit', env: { ...process.env, PUBLIC_URL: process.env.PUBLIC_URL ?? 'http://localhost:5173' } }),
  spawn(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js')], { stdio: 'inherit', cwd: root }),
];
const stop = () => children.forEach((c) => c.kill('SIGTERM'));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const c of children) c.on('exit', (code) => { stop(); process.exitCode = code ?? 0; });
