import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/** The package root, found from this file whether it runs from src/ (tsx) or dist/ (bundle). */
export function projectRoot(): string {
  if (root) return root;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg) && JSON.parse(fs.readFileSync(pkg, 'utf8')).name === 'accord') return (root = dir);
    const up = path.dirname(dir);
    if (up === dir) throw new Error('Cannot find the Accord package root from ' + fileURLToPath(import.meta.url));
    dir = up;
  }
}

export const migrationsFolder = () => path.join(projectRoot(), 'src/server/db/migrations');
export const webDistFolder = () => path.join(projectRoot(), 'dist/web');
