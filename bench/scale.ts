/**
 * The scale benchmark of issue #3: 500 groups, 20,000 people, 100 members per group, on
 * PostgreSQL. Generates the data straight into a fresh database, starts Accord with
 * `npm start` on it, and measures the group page and the member list with autocannon
 * (50 connections, cycling through every group). Appends its section to docs/benchmarks.md.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { migrateDatabase, openDatabase } from '../src/server/db/client';
import { seedCharterTexts } from '../src/server/db/seed/charter';

const root = path.resolve(import.meta.dirname, '..');
const GROUPS = 500;
const PEOPLE = 20_000;
const PER_GROUP = 100;
const CONNECTIONS = 50;
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const ADMIN_URL = process.env.BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Deterministic pseudo-random numbers, so two runs generate the same data. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

async function insertMany(client: pg.Client, table: string, columns: string[], rows: unknown[][], chunk = 1000) {
  for (let i = 0; i < rows.length; i += chunk) {
    const part = rows.slice(i, i + chunk);
    const values: unknown[] = [];
    const tuples = part.map((row) => `(${row.map((v) => (values.push(v), `$${values.length}`)).join(',')})`);
    await client.query(`INSERT INTO ${table} (${columns.join(',')}) VALUES ${tuples.join(',')}`, values);
  }
}

async function generate(url: string) {
  const database = await openDatabase({ databaseUrl: url, dataDir: os.tmpdir() });
  await migrateDatabase(database);
  await database.close();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const random = rng(42);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)] as T;

  const councilId = randomUUID();
  await client.query(`INSERT INTO councils (id, slug, acronym, name) VALUES ($1, 'scale', 'SC', 'Scale Council')`, [councilId]);
  const codes = ['AU', 'BN', 'KH', 'CA', 'CN', 'EU', 'IN', 'ID', 'JP', 'KP', 'KR', 'MY', 'MN', 'NZ', 'PG', 'PH', 'RU', 'SG', 'TH', 'US', 'VN', 'PIF'];
  const committees = codes.map((code) => ({ id: randomUUID(), code }));
  await insertMany(client, 'member_committees', ['id', 'council_id', 'code', 'name', 'subregion'], committees.map((c) => [c.id, councilId, c.code, `Committee ${c.code}`, 'asia_pacific']));
  await insertMany(client, 'committee_memberships', ['committee_id', 'type', 'valid_from'], committees.map((c) => [c.id, 'full', '2000-01-01']));

  const people = Array.from({ length: PEOPLE }, (_, i) => ({ id: randomUUID(), i, committee: pick(committees) }));
  await insertMany(
    client,
    'users',
    ['id', 'email', 'display_name', 'names', 'affiliation', 'member_committee_id'],
    people.map((p) => [p.id, `person${p.i}@scale.example`, `Person ${p.i}`, JSON.stringify({ latin: `Person ${p.i}` }), `Institute ${p.i % 700}`, p.committee.id]),
  );

  const charter = JSON.stringify({ authoritative: 'en', texts: { en: seedCharterTexts.en, ko: seedCharterTexts.ko } });
  const groups = Array.from({ length: GROUPS }, (_, i) => ({ id: randomUUID(), slug: `group-${i}`, coChairs: [pick(committees), pick(committees)] }));
  await insertMany(
    client,
    'study_groups',
    ['id', 'council_id', 'slug', 'title', 'status', 'term_start', 'term_end', 'charter'],
    groups.map((g, i) => [g.id, councilId, g.slug, `Study Group ${i}`, 'active', '2025-01-01', '2027-12-31', charter]),
    100,
  );
  await insertMany(
    client,
    'study_group_co_chairs',
    ['group_id', 'committee_id', 'position'],
    groups.flatMap((g) => [...new Map(g.coChairs.map((c) => [c.id, c])).values()].map((c, position) => [g.id, c.id, position])),
  );
  const memberships: unknown[][] = [];
  for (const g of groups) {
    const chosen = new Set<number>();
    while (chosen.size < PER_GROUP) chosen.add(Math.floor(random() * PEOPLE));
    const heads = new Set<string>();
    [...chosen].forEach((n, k) => {
      const p = people[n] as (typeof people)[number];
      let role = k < 2 ? 'co_chair' : k < 90 ? 'member' : k < 97 ? 'observer' : k === 97 ? 'rapporteur' : k === 98 ? 'secretariat' : 'delphi_facilitator';
      if (role === 'member' && !heads.has(p.committee.id)) {
        heads.add(p.committee.id);
        role = 'delegation_head';
      }
      memberships.push([g.id, p.id, role, role === 'observer' ? null : p.committee.id]);
    });
  }
  await insertMany(client, 'group_memberships', ['group_id', 'user_id', 'role', 'committee_id'], memberships, 2000);

  // The people the benchmark signs in as: the council's secretariat (sees every group) and a member of group 0.
  const secretaryId = randomUUID();
  await client.query(`INSERT INTO users (id, email, display_name) VALUES ($1, 'secretary@scale.example', 'Secretary')`, [secretaryId]);
  await client.query(`INSERT INTO council_roles (council_id, user_id, role) VALUES ($1, $2, 'secretariat')`, [councilId, secretaryId]);
  const token = randomBytes(32).toString('base64url');
  await client.query(`INSERT INTO sessions (id, user_id, expires_at) VALUES ($1, $2, now() + interval '1 day')`, [sha256(token), secretaryId]);
  await client.query(`INSERT INTO instance_settings (key, value) VALUES ('initialized_at', '"bench"'), ('demo_loaded', 'false')`);
  await client.query('ANALYZE');
  await client.end();
  return { cookie: `accord_session=${token}`, slugs: groups.map((g) => g.slug) };
}

function startAccord(env: Record<string, string>, port: number): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    // BENCH_START=source runs the server from source (while the web app does not build, say).
    const [cmd, args] = process.env.BENCH_START === 'source' ? [process.execPath, ['--import', 'tsx', 'src/server/main.ts']] : ['npm', ['start', '--silent']];
    const child = spawn(cmd, args, { cwd: root, env: { ...process.env, ...env, PORT: String(port), LOG_LEVEL: 'warn' }, detached: true });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`Accord did not start:\n${out}`)), 120_000);
    child.stdout?.on('data', (d) => {
      out += d;
      if (out.includes('Accord is ready at')) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.stderr?.on('data', (d) => process.stderr.write(d));
  });
}

/** Each request picks a group at random, as people spread over many groups do. */
async function load(base: string, paths: string[], headers: Record<string, string>) {
  const random = rng(7);
  const requests: autocannon.Request[] = [{ method: 'GET', setupRequest: (req) => ({ ...req, path: paths[Math.floor(random() * paths.length)] as string }) }];
  // Warm-up: every group once (a cold start loads each group's data once), then a short random run.
  for (let i = 0; i < paths.length; i += 25) await Promise.all(paths.slice(i, i + 25).map((p) => fetch(base + p, { headers })));
  await autocannon({ url: base, connections: CONNECTIONS, duration: 3, headers, requests });
  const r = await autocannon({ url: base, connections: CONNECTIONS, duration: DURATION, headers, requests });
  if (r.non2xx || r.errors) throw new Error(`${paths[0]}: ${r.non2xx} non-2xx, ${r.errors} errors`);
  return { rps: Math.round(r.requests.average), p50: r.latency.p50, p99: r.latency.p99 };
}

async function main() {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  const pgVersion = (await admin.query('SHOW server_version')).rows[0]?.server_version as string;
  const name = `accord_scale_${Date.now()}`;
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-scale-'));
  try {
    const t0 = performance.now();
    const { cookie, slugs } = await generate(url.toString());
    process.stdout.write(`generated ${GROUPS} groups, ${PEOPLE} people, ${GROUPS * PER_GROUP} memberships in ${Math.round(performance.now() - t0)} ms\n`);
    const child = await startAccord({ DATABASE_URL: url.toString(), DATA_DIR: dataDir }, 3403);
    const base = 'http://127.0.0.1:3403';
    try {
      const headers = { cookie, 'accept-encoding': 'gzip, deflate, br' };
      if (process.env.BENCH_KEEP) process.stdout.write(`cookie ${cookie}\n`);
      const page = await load(base, slugs.map((s) => `/api/study-groups/${s}?lang=en`), headers);
      const members = await load(base, slugs.map((s) => `/api/study-groups/${s}/members?page=1&pageSize=25&sort=name`), headers);
      const filtered = await load(base, slugs.map((s, i) => `/api/study-groups/${s}/members?role=member&sort=-since&page=${(i % 3) + 1}&pageSize=25`), headers);
      const section = `## Scale: ${GROUPS} groups, ${PEOPLE.toLocaleString('en')} people, ${PER_GROUP} members per group (issue #3)

Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, PostgreSQL ${pgVersion}, Node.js ${process.version}.
Command: \`npm run bench\` (bench/scale.ts). Data generated into a fresh database (bench/scale.ts), Accord started with \`npm start\`;
autocannon, ${CONNECTIONS} connections, ${DURATION} s after a 3 s warm-up, each request a group drawn at random among all ${GROUPS} (every group was requested once before, as a warm-up), signed in as the council's secretariat (who sees every group).

| Request | req/s | p50 ms | p99 ms |
| --- | ---: | ---: | ---: |
| group page \`GET /api/study-groups/:slug?lang=en\` | ${page.rps.toLocaleString('en')} | ${page.p50} | ${page.p99} |
| member list \`GET …/members?page=1&pageSize=25&sort=name\` | ${members.rps.toLocaleString('en')} | ${members.p50} | ${members.p99} |
| member list filtered by role, newest first, pages 1–3 | ${filtered.rps.toLocaleString('en')} | ${filtered.p50} | ${filtered.p99} |

Target (issue #3): the group page and the member list answer with p99 ≤ 30 ms at 50 connections on PostgreSQL.
`;
      const file = path.join(root, 'docs/benchmarks.md');
      const existing = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n';
      const marker = '## Scale:';
      const at = existing.indexOf(marker);
      let next = at >= 0 ? existing.indexOf('\n## ', at + marker.length) : -1;
      if (next < 0) next = existing.length;
      fs.writeFileSync(file, at >= 0 ? existing.slice(0, at) + section + existing.slice(next) : `${existing.trimEnd()}\n\n${section}`);
      process.stdout.write(`\n${section}\nWritten to docs/benchmarks.md\n`);
    } finally {
      process.kill(-(child.pid as number), 'SIGTERM');
    }
  } finally {
    await new Promise((r) => setTimeout(r, 1000));
    if (!process.env.BENCH_KEEP) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    else process.stdout.write(`kept database ${name}\n`);
    await admin.end();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
