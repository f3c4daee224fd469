import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../db/client';

/**
 * Everything stored, as one fingerprint per table: a refusal must leave every one as it was.
 * Sessions and API tokens are left out by default (a request refreshes its own last use).
 */
export async function fingerprint(db: Db, except: readonly string[] = ['sessions', 'api_tokens']): Promise<Record<string, string>> {
  const tables = rowsOf<{ name: string }>(await db.execute(sql`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`));
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    if (except.includes(name)) continue;
    const [row] = rowsOf<{ fp: string }>(await db.execute(sql.raw(`SELECT count(*)::text || ':' || coalesce(md5(string_agg(x::text, '|' ORDER BY x::text)), '') AS fp FROM "${name}" x`)));
    out[name] = row?.fp ?? '';
  }
  return out;
}
