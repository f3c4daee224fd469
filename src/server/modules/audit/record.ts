import type { Db } from '../../db/client';
import { auditEvents } from '../../db/schema';

export interface AuditInput {
  actorId: string | null;
  action: string;
  targetType: string;
  targetId?: string | null;
  groupId?: string | null;
  data?: Record<string, unknown>;
}

/** Writes the audit event of a change; call it with the change's own transaction. */
export async function recordAudit(tx: Db, input: AuditInput): Promise<void> {
  await tx.insert(auditEvents).values({
    actorId: input.actorId,
    action: input.action,
    targetType: input.targetType,
    targetId: input.targetId ?? null,
    groupId: input.groupId ?? null,
    data: input.data ?? {},
  });
}
