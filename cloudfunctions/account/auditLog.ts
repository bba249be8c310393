import { AUDIT_PAGE_SIZE, type AuditRecord, accountSchemas, type Page } from '../../contract/accounts';
import { COLLECTIONS } from '../../database/collections';
import { db } from '../_lib/cloud';
import { action } from '../_lib/defineFunction';

export function toAuditRecord(d: any): AuditRecord {
  return {
    id: d._id,
    at: new Date(d.at).toISOString(),
    action: d.action,
    actorUserId: d.actorUserId ?? null,
    actorRole: d.actorRole,
    target: d.target,
    detail: d.detail ?? null,
  };
}

export const auditActions = {
  /** Admin: the audit log, newest first, filtered by action, actor, target or time. */
  'audit.search': action({
    input: accountSchemas['audit.search'],
    roles: ['admin'],
    handler: async ({ kind, actorUserId, targetId, from, to, page }): Promise<Page<AuditRecord>> => {
      const _ = db().command;
      const where: Record<string, unknown> = {};
      if (kind) where.action = kind;
      if (actorUserId) where.actorUserId = actorUserId;
      if (targetId) where.subjectId = targetId;
      if (from && to) where.at = _.and(_.gte(new Date(from)), _.lte(new Date(to)));
      else if (from) where.at = _.gte(new Date(from));
      else if (to) where.at = _.lte(new Date(to));
      const { data } = await db()
        .collection(COLLECTIONS.auditLog)
        .where(where)
        .orderBy('at', 'desc')
        .skip((page - 1) * AUDIT_PAGE_SIZE)
        .limit(AUDIT_PAGE_SIZE + 1)
        .get();
      return { items: data.slice(0, AUDIT_PAGE_SIZE).map(toAuditRecord), page, hasMore: data.length > AUDIT_PAGE_SIZE };
    },
  }),
};
