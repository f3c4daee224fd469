import { eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { ZUpdateMe } from '../../../core/accounts';
import { applyNamesChange, namesChangeProblems } from '../../../core/people';
import type { Db } from '../../db/client';
import { users } from '../../db/schema';
import { AppError } from '../../http/errors';
import { recordAudit } from '../audit/record';

export type ProfileChange = z.output<typeof ZUpdateMe>;

/**
 * Changes a person's own profile. Names are merged script by script (a script left out keeps
 * its spelling), under a row lock so two simultaneous changes to different scripts both stay.
 * A family name must be part of the spelling it goes with (else 400, naming the field, and
 * nothing changes).
 */
export async function updateProfile(tx: Db, userId: string, change: ProfileChange): Promise<void> {
  const fields = Object.keys(change);
  if (fields.length === 0) return;
  const { names, ...rest } = change;
  let nextNames;
  if (names) {
    const [row] = await tx.select({ names: users.names }).from(users).where(eq(users.id, userId)).for('update');
    if (!row) throw new Error(`user ${userId} vanished`);
    nextNames = applyNamesChange(row.names, names);
    const problems = namesChangeProblems(nextNames, names);
    if (problems.length) {
      throw new AppError('validation.failed', 'A family name must be the beginning or the end of the name in its script.', {
        errors: problems.map((p) => ({ path: `body.names.${p.key}`, code: 'family_not_in_name', message: p.message })),
      });
    }
  }
  await tx
    .update(users)
    .set({ ...rest, ...(nextNames ? { names: nextNames } : {}), updatedAt: sql`now()` })
    .where(eq(users.id, userId));
  await recordAudit(tx, { actorId: userId, action: 'user.updated', targetType: 'user', targetId: userId, data: { fields: names ? [...fields.filter((f) => f !== 'names'), ...Object.keys(names).map((s) => `names.${s}`)] : fields } });
}

