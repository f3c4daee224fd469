import { performance } from 'node:perf_hooks';
import { buildApp } from './app';
import { ConfigError, loadConfig, type Config } from './config';
import { DatabaseTooNewError, migrateDatabase, openDatabase, type Database } from './db/client';
import { initializeInstance, type FirstStartLink } from './db/seed';
import { createAuthLink, linkUrl } from './modules/accounts/links';
import { findUserByEmail } from './modules/accounts/queries';

const USAGE = `Usage: npm start -- [command] [options]

Commands:
  start             run Accord (the default): migrate, load the demo on first start, serve
  migrate           apply database migrations and exit
  link <email>      print a new one-time sign-in link for an existing account

Options:
  --no-demo         on the first start of an empty database, do not load the demo study group
  --help            show this help

Configuration comes from the environment: PORT, HOST, DATA_DIR, DATABASE_URL, PUBLIC_URL,
SMTP_URL, MAIL_FROM, ADMIN_EMAIL, LOG_LEVEL, TRUST_PROXY (see README.md).`;

function printLinks(links: FirstStartLink[], config: Config) {
  const width = Math.max(...links.map((l) => l.name.length));
  const out = [
    '',
    'First start: one-time sign-in links (each works once; there is no default password).',
    `They expire on ${links[0]?.expiresAt.toISOString().slice(0, 10)}. Later, print a new one with: npm start -- link <email>`,
    '',
    ...links.map((l) => `  ${l.name.padEnd(width)}  ${l.role.padEnd(24)}  ${l.url}`),
    '',
  ];
  if (!config.smtpUrl) out.push(`Mail is not sent (no SMTP_URL): administrators read it at ${config.publicUrl}/admin/mailbox`, '');
  process.stdout.write(out.join('\n') + '\n');
}

async function withDatabase<T>(config: Config, fn: (database: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase(config);
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

async function main(argv: string[]) {
  const args = argv.filter((a) => !a.startsWith('--'));
  const flags = new Set(argv.filter((a) => a.startsWith('--')));
  const known = new Set(['--no-demo', '--help']);
  const unknown = [...flags].filter((f) => !known.has(f));
  const command = args[0] ?? 'start';
  if (flags.has('--help') || unknown.length || !['start', 'migrate', 'link'].includes(command)) {
    process.stdout.write(USAGE + '\n');
    if (unknown.length || !['start', 'migrate', 'link'].includes(command)) {
      process.stderr.write(`\nUnknown ${unknown.length ? `option ${unknown.join(' ')}` : `command ${command}`}.\n`);
      process.exitCode = 2;
    }
    return;
  }
  const started = performance.now();
  const config = loadConfig();

  if (command === 'migrate') {
    await withDatabase(config, async (database) => {
      const { applied } = await migrateDatabase(database);
      process.stdout.write(`${database.location}: ${applied} migration(s) applied; the database is up to date.\n`);
    });
    return;
  }

  if (command === 'link') {
    const email = args[1];
    if (!email) throw new UsageError('Give the account\'s email: npm start -- link someone@example.org');
    await withDatabase(config, async (database) => {
      await migrateDatabase(database);
      const url = await database.db.transaction(async (tx) => {
        const user = await findUserByEmail(tx, email);
        if (!user) throw new UsageError(`No account for ${email}.`);
        const { token } = await createAuthLink(tx, { userId: user.id, purpose: 'sign_in', createdBy: null });
        return linkUrl(config.publicUrl, token, 'sign_in');
      });
      process.stdout.write(`One-time sign-in link for ${email}:\n  ${url}\n`);
    });
    return;
  }

  const database = await openDatabase(config);
  const { applied } = await migrateDatabase(database);
  const links = await initializeInstance(database.db, config, { demo: !flags.has('--no-demo') });
  const app = await buildApp({ config, database, ownsDatabase: true });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      app.log.info({ signal }, 'shutting down');
      app.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
  await app.listen({ port: config.port, host: config.host });
  if (links) printLinks(links, config);
  const ms = Math.round(performance.now() - started);
  process.stdout.write(
    `Accord is ready at ${config.publicUrl} (${database.driver === 'pglite' ? `embedded database in ${database.location}` : `PostgreSQL ${database.location}`}` +
      `${applied ? `, ${applied} migration(s) applied` : ''}; ready in ${ms} ms)\n`,
  );
}

class UsageError extends Error {}

main(process.argv.slice(2)).catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof DatabaseTooNewError || err instanceof UsageError) {
    process.stderr.write(`${err.message}\n`);
  } else {
    process.stderr.write(`Accord stopped: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  }
  process.exit(1);
});
