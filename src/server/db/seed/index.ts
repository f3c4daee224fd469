import { eq, sql } from 'drizzle-orm';
import type { Config } from '../../config';
import { createAuthLink, linkUrl } from '../../modules/accounts/links';
import { recordAudit } from '../../modules/audit/record';
import type { Db } from '../client';
import { instanceSettings, users } from '../schema';
import { openFileStorage } from '../../storage/storage';
import { seedDemo } from './demo';
import { demoPeople } from './people';
import { catalogs } from '../../../core/i18n';

const ROLE_LABELS: Record<string, string> = catalogs.en.roles;

export interface FirstStartLink {
  name: string;
  email: string;
  role: string;
  url: string;
  expiresAt: Date;
}

/**
 * Runs once per database: creates the administrator and, unless asked not to, the demo.
 * Returns the one-time sign-in links to print, or null when the database was set up before.
 * There is no default password: the links are the only way in.
 */
export async function initializeInstance(db: Db, config: Config, opts: { demo: boolean }): Promise<FirstStartLink[] | null> {
  return db.transaction(async (tx) => {
    // Locks out a second process starting at the same moment.
    await tx.execute(sql`LOCK TABLE instance_settings IN EXCLUSIVE MODE`);
    const [done] = await tx.select().from(instanceSettings).where(eq(instanceSettings.key, 'initialized_at')).limit(1);
    if (done) return null;

    const [admin] = await tx
      .insert(users)
      .values({ email: config.adminEmail, displayName: 'Administrator', isAdmin: true })
      .onConflictDoUpdate({ target: users.email, set: { isAdmin: true } })
      .returning();
    if (!admin) throw new Error('admin insert returned nothing');
    const links: FirstStartLink[] = [];
    const adminLink = await createAuthLink(tx, { userId: admin.id, purpose: 'sign_in', createdBy: null });
    links.push({ name: admin.displayName, email: admin.email, role: 'administrator', url: linkUrl(config.publicUrl, adminLink.token, 'sign_in'), expiresAt: adminLink.expiresAt });

    if (opts.demo) {
      const { userIds } = await seedDemo(tx, { storage: await openFileStorage(config.dataDir) });
      for (const p of demoPeople) {
        const userId = userIds[p.key] as string;
        const link = await createAuthLink(tx, { userId, purpose: 'sign_in', createdBy: null });
        const role = [...new Set([...p.groupRoles, ...p.councilRoles])].map((r) => ROLE_LABELS[r]).join(', ');
        links.push({ name: p.displayName, email: p.email, role: role || 'participant', url: linkUrl(config.publicUrl, link.token, 'sign_in'), expiresAt: link.expiresAt });
      }
    }
    await tx.insert(instanceSettings).values([
      { key: 'initialized_at', value: new Date().toISOString() },
      { key: 'demo_loaded', value: opts.demo },
    ]);
    await recordAudit(tx, { actorId: null, action: 'instance.initialized', targetType: 'instance', data: { demo: opts.demo } });
    return links;
  });
}
