// npm start: build what is stale, then run the server (arguments pass through: migrate, link, --no-demo).
import { ensureServerBuilt, ensureWebBuilt } from './build-lib.mjs';

const args = process.argv.slice(2);
const command = args.find((a) => !a.startsWith('--')) ?? 'start';
try {
  if (command === 'start' && !args.includes('--help')) ensureWebBuilt();
  const entry = await ensureServerBuilt();
  await import(entry);
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
