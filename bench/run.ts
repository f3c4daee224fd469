/**
 * npm run bench: starts Accord with `npm start` on PostgreSQL and on PGlite, measures the
 * study-group overview API beside a bare Fastify route with autocannon, the time from
 * `npm start` to ready on an existing data folder, and idle memory; writes docs/benchmarks.md.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';

const root = path.resolve(import.meta.dirname, '..');
const CONNECTIONS = 50;
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP = 3;
const ADMIN_URL = process.env.BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SLUG = 'northeast-asia-peace-and-cooperation';

interface Server {
  child: ChildProcess;
  url: string;
  stdout: string;
  readyMs: number;
}

function startAccord(env: Record<string, string>, port: number): Promise<Server> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['start', '--silent'], { cwd: root, env: { ...process.env, ...env, PORT: String(port), LOG_LEVEL: 'warn' }, detached: true });
    let stdout = '';
    const timer = setTimeout(() => reject(new Error(`Accord did not start:\n${stdout}`)), 120_000);
    child.stdout?.on('data', (d) => {
      stdout += d;
      const m = /Accord is ready at (\S+)/.exec(stdout);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve({ child, url: m[1], stdout, readyMs: performance.now() - started });
      }
    });
    child.stderr?.on('data', (d) => process.stderr.write(d));
    child.on('exit', (code) => reject(new Error(`Accord exited with ${code}:\n${stdout}`)));
  });
}

async function stop(server: { child: ChildProcess }) {
  server.child.removeAllListeners('exit');
  const exited = new Promise((r) => server.child.once('exit', r));
  process.kill(-(server.child.pid as number), 'SIGTERM');
  await exited;
}

/** The resident memory of the server process (npm's child node process). */
function rssMb(server: Server): number {
  const pids = fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  let total = 0;
  for (const pid of pids) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const pgid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
      const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (pgid === server.child.pid && cmd.includes('scripts/start.mjs')) {
        const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
        total += Number(m?.[1] ?? 0) / 1024;
      }
    } catch {
      /* the process ended meanwhile */
    }
  }
  return Math.round(total);
}

/** Signs in with a printed one-time link and returns the cookie header a browser would send. */
async function signIn(server: Server, name: string): Promise<string> {
  const line = server.stdout.split('\n').find((l) => l.includes(name) && l.includes('/link#'));
  const token = line?.split('/link#')[1]?.trim();
  if (!token) throw new Error(`no link for ${name}`);
  const session = await fetch(`${server.url}/api/session`);
  const csrf = /accord_csrf=([^;]+)/.exec(session.headers.get('set-cookie') ?? '')?.[1] ?? '';
  const res = await fetch(`${server.url}/api/auth/links/consume`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: `accord_csrf=${csrf}`, 'x-csrf-token': csrf },
    body: JSON.stringify({ token }),
  });
  const cookie = /accord_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
  if (res.status !== 200 || !cookie) throw new Error(`sign-in failed: ${res.status}`);
  return `accord_session=${cookie}; accord_csrf=${csrf}`;
}

interface Load {
  bytes: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

async function load(url: string, headers: Record<string, string> = {}): Promise<Load> {
  await autocannon({ url, connections: CONNECTIONS, duration: WARMUP, headers });
  const r = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, headers });
  if (r.non2xx || r.errors) throw new Error(`${url}: ${r.non2xx} non-2xx responses, ${r.errors} errors`);
  return { rps: Math.round(r.requests.average), p50: r.latency.p50, p99: r.latency.p99, errors: r.errors, non2xx: r.non2xx, bytes: Math.round(r.throughput.average / r.requests.average) };
}

function startBare(): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, 'bench/bare-server.mjs')], { cwd: root, detached: true });
    child.stdout?.on('data', (d) => {
      const m = /READY (\d+)/.exec(String(d));
      if (m) resolve({ child, url: `http://127.0.0.1:${m[1]}/bare` });
    });
    child.on('exit', (code) => reject(new Error(`bare server exited ${code}`)));
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

async function benchDatabase(label: string, env: Record<string, string>, port: number) {
  process.stdout.write(`\n== ${label}\n`);
  const first = await startAccord(env, port);
  process.stdout.write(`first start (migrations + demo): ${Math.round(first.readyMs)} ms\n`);
  const cookie = await signIn(first, 'Jonathan R. Ashby');
  await stop(first);

  // Time from `npm start` to ready on the existing data, three times.
  const readies: number[] = [];
  let server: Server | undefined;
  for (let i = 0; i < 3; i++) {
    if (server) await stop(server);
    server = await startAccord(env, port);
    readies.push(Math.round(server.readyMs));
  }
  if (!server) throw new Error('unreachable');
  await new Promise((r) => setTimeout(r, 3000));
  const idle = rssMb(server);
  process.stdout.write(`ready on existing data: ${readies.join(', ')} ms; idle RSS ${idle} MB\n`);

  const bare = await startBare();
  const bareLoad = await load(bare.url);
  // As the web app asks for it (the UI language, compressed), then every language uncompressed.
  const overview = await load(`${server.url}/api/study-groups/${SLUG}?lang=en`, { cookie, 'accept-encoding': 'gzip, deflate, br' });
  const overviewRaw = await load(`${server.url}/api/study-groups/${SLUG}`, { cookie });
  const loaded = rssMb(server);
  process.kill(-(bare.child.pid as number), 'SIGTERM');
  await stop(server);
  process.stdout.write(
    `bare: ${bareLoad.rps} req/s p99 ${bareLoad.p99} ms | overview: ${overview.rps} req/s p99 ${overview.p99} ms (${overview.non2xx} non-2xx) | all languages, uncompressed: ${overviewRaw.rps} req/s p99 ${overviewRaw.p99} ms\n`,
  );
  return { label, readies, readyMedian: median(readies), idle, loaded, bare: bareLoad, overview, overviewRaw, firstStartMs: Math.round(first.readyMs) };
}

async function main() {
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, ${os.type()} ${os.release()}, Node.js ${process.version}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  const pgVersion = (await admin.query('SHOW server_version')).rows[0]?.server_version as string;
  const dbName = `accord_bench_${Date.now()}`;
  await admin.query(`CREATE DATABASE "${dbName}"`);
  const pgUrl = new URL(ADMIN_URL);
  pgUrl.pathname = `/${dbName}`;
  const dataDirs = [fs.mkdtempSync(path.join(os.tmpdir(), 'accord-bench-pg-')), fs.mkdtempSync(path.join(os.tmpdir(), 'accord-bench-pglite-'))];
  const results = [];
  try {
    results.push(await benchDatabase(`PostgreSQL ${pgVersion}`, { DATABASE_URL: pgUrl.toString(), DATA_DIR: dataDirs[0] as string }, 3401));
    results.push(await benchDatabase('PGlite (embedded)', { DATA_DIR: dataDirs[1] as string }, 3402));
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await admin.end();
    for (const d of dataDirs) fs.rmSync(d, { recursive: true, force: true });
  }

  const rows = results.map((r) => {
    const share = (x: Load) => `${Math.round((100 * x.rps) / r.bare.rps)}%`;
    return [
      `| ${r.label} | bare route | ${r.bare.rps.toLocaleString('en')} | ${r.bare.p50} | ${r.bare.p99} | 100% | ${r.bare.bytes} |`,
      `| | overview as the web app asks (\`?lang=en\`, brotli) | ${r.overview.rps.toLocaleString('en')} | ${r.overview.p50} | ${r.overview.p99} | ${share(r.overview)} | ${r.overview.bytes} |`,
      `| | overview, all four languages, uncompressed | ${r.overviewRaw.rps.toLocaleString('en')} | ${r.overviewRaw.p50} | ${r.overviewRaw.p99} | ${share(r.overviewRaw)} | ${r.overviewRaw.bytes} |`,
    ].join('\n');
  });
  const startRows = results.map((r) => `| ${r.label} | ${r.firstStartMs} | ${r.readies.join(' / ')} | ${r.idle} | ${r.loaded} |`);
  const section = `## Foundation: study-group overview, start-up, memory (issue #2)

Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machine}.
Command: \`npm run bench\` (bench/run.ts). Each database: \`npm start\` on a fresh data folder (migrations and demo), then three
restarts on the existing data; autocannon with ${CONNECTIONS} connections for ${DURATION} s after a ${WARMUP} s warm-up, load generator
on the same machine. "Bare" is a Fastify route with no plugins or database (bench/bare-server.mjs), measured in the same run.
The overview is \`GET /api/study-groups/${SLUG}\` signed in as a co-chair (session cookie), the demo group with 25 participants.

| Database | Request | req/s | p50 ms | p99 ms | of bare | bytes/response |
| --- | --- | ---: | ---: | ---: | ---: | ---: |
${rows.join('\n')}

| Database | first \`npm start\` (migrations, demo), ms | \`npm start\` → ready on existing data, ms (3 runs) | idle RSS, MB | RSS after the load, MB |
| --- | ---: | --- | ---: | ---: |
${startRows.join('\n')}

Targets (issue #2): overview ≥ 25% of the bare route's throughput on PostgreSQL with p99 ≤ 25 ms; ready ≤ 3 s on an existing data folder.
`;
  const file = path.join(root, 'docs/benchmarks.md');
  const header = '# Benchmarks\n\nNumbers from `npm run bench` on the machines named in each section; never timed assertions in tests.\n\n';
  const existing = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : header;
  const marker = '## Foundation: study-group overview';
  const start = existing.indexOf(marker);
  let next = start >= 0 ? existing.indexOf('\n## ', start + marker.length) : -1;
  if (next < 0) next = existing.length;
  const updated = start >= 0 ? existing.slice(0, start) + section + existing.slice(next) : existing.trimEnd() + '\n\n' + section;
  fs.writeFileSync(file, updated.startsWith('# Benchmarks') ? updated : header + updated);
  process.stdout.write(`\n${section}\nWritten to docs/benchmarks.md\n`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
