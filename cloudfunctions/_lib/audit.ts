import { COLLECTIONS } from '../../database/collections';
import type { Caller } from './caller';
import { db } from './cloud';

/**
 * The append-only audit log: every staff change and every whole-value read of personal
 * data. Entries are only ever added; no function updates or removes them.
 */
export interface AuditEntry {
  action: string;
  target: { collection: string; id: string };
  /** The retiree (roster id) or user the entry is about, so they can see it among their data. */
  subjectId?: string | null;
  /** What changed or why a whole value was read, without personal data in clear. */
  detail?: Record<string, unknown>;
}

export async function audit(caller: Caller, entry: AuditEntry) {
  await db()
    .collection(COLLECTIONS.auditLog)
    .add({
      ...entry,
      subjectId: entry.subjectId ?? entry.target.id,
      actorUserId: caller.userId,
      actorRole: caller.role,
      at: db().serverDate(),
    });
}
