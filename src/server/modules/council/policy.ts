import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { canInCouncil, COUNCIL_ACTIONS, type CouncilAction, type CouncilPrincipal } from '../../../core/policies';
import type { CouncilRole } from '../../../core/roles';
import { councils, memberCommittees } from '../../db/schema';
import type { Actor } from '../../http/actor';
import { AppError, notFound } from '../../http/errors';
import { councilRolesOf } from '../study-groups/policy';

export type CouncilRow = typeof councils.$inferSelect;

export interface CouncilAccess {
  council: CouncilRow;
  /** The actor's current roles in this council. */
  myRoles: CouncilRole[];
  principals: Set<CouncilPrincipal>;
  allowed: CouncilAction[];
}

export const councilNotFound = () => notFound('No council at this address.');

/**
 * The council and who the actor is in it. Every signed-in person sees a council (its
 * membership is public information); an unknown slug answers 404. The actor's council roles
 * come through the cache that the change feed keeps true, so an ended role stops counting at once.
 */
export async function councilAccess(app: FastifyInstance, actor: Actor, slug: string): Promise<CouncilAccess> {
  const { caches, db } = app;
  const [[council], roles] = await Promise.all([
    db.select().from(councils).where(eq(councils.slug, slug)).limit(1),
    caches.read(caches.councilRoles, actor.user.id, () => councilRolesOf(db, actor.user.id)),
  ]);
  if (!council) throw councilNotFound();
  const mine = (roles ?? []).filter((r) => r.councilId === council.id);
  const principals = new Set<CouncilPrincipal>();
  if (actor.user.isAdmin) principals.add('admin');
  for (const r of mine) principals.add(r.role === 'secretariat' ? 'council_secretariat' : r.role);
  if (actor.user.memberCommitteeId) {
    const [own] = await db
      .select({ id: memberCommittees.id })
      .from(memberCommittees)
      .where(and(eq(memberCommittees.id, actor.user.memberCommitteeId), eq(memberCommittees.councilId, council.id)))
      .limit(1);
    if (own) principals.add('committee_member');
  }
  return {
    council,
    myRoles: [...new Set(mine.map((r) => r.role))],
    principals,
    allowed: COUNCIL_ACTIONS.filter((a) => canInCouncil(principals, a)),
  };
}

/** Refuses (403) an action that COUNCIL_POLICY does not grant the actor in this council. */
export function authorizeCouncil(access: CouncilAccess, action: CouncilAction): void {
  if (!canInCouncil(access.principals, action)) throw new AppError('auth.forbidden', `Your roles in ${access.council.acronym} do not allow ${action}.`);
}
