import { type CertificationStatus, certificationSchemas, type MyCertification, statusWords } from '../../contract/certification';
import { shanghaiDay } from '../../contract/time';
import { certificationRules } from '../_lib/certificationRules';
import { action } from '../_lib/defineFunction';
import { links } from '../_lib/links';
import { getRetiree, type RetireeDoc, retirees } from '../_lib/retirees';
import { now } from '../_lib/time';
import { getUser } from '../_lib/users';

export function statusOf(doc: RetireeDoc, today: string): CertificationStatus {
  const words = statusWords(
    {
      lastCertifiedAt: doc.lastCertifiedAt ?? null,
      suspendedAt: doc.suspendedAt ?? null,
      restoredAt: doc.restoredAt ?? null,
      method: doc.lastMethod ?? null,
    },
    certificationRules(),
    today,
  );
  return {
    retireeId: doc._id,
    name: doc.name,
    state: words.state,
    headline: words.headline,
    due: words.due,
    lastCertifiedAt: doc.lastCertifiedAt ?? null,
    otherChannels: !!doc.abroad || !!doc.nonMainlandId,
  };
}

export const statusActions = {
  'status.mine': action({
    input: certificationSchemas['status.mine'],
    roles: ['guest', 'retiree', 'family'],
    handler: async (_input, { caller }): Promise<MyCertification> => {
      if (!caller.userId) return { self: null, elders: [] };
      const today = shanghaiDay(now());
      const user = await getUser(caller.userId);
      const mine = user?.retireeId ? await getRetiree(user.retireeId) : null;
      // Only active links, read now: an ended link shows nothing at once.
      const { data } = await links().where({ helperUserId: caller.userId, status: 'active' }).limit(20).get();
      const elders = await Promise.all((data as Array<{ retireeId: string }>).map((l) => getRetiree(l.retireeId)));
      return {
        self: mine ? statusOf(mine, today) : null,
        elders: elders.filter((e): e is RetireeDoc => !!e).map((e) => statusOf(e, today)),
      };
    },
  }),
};

/**
 * Brings the stored state (which the scheduler keeps each night) up to date for one person
 * right after a certification, so lists that read it (home visits) drop them at once.
 */
export async function refreshState(retireeId: string) {
  const doc = await getRetiree(retireeId);
  if (!doc) return;
  const today = shanghaiDay(now());
  const { state } = statusOf(doc, today);
  if (doc.certState !== state || doc.certStateDay !== today)
    await retirees().doc(retireeId).update({ certState: state, certStateDay: today });
}
