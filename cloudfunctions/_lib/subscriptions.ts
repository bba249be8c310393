import { COLLECTIONS } from '../../database/collections';
import { db } from './cloud';
import { isDuplicateKey } from './errors';
import { now } from './time';

/**
 * One-time subscribe-message grants: WeChat lets us send one message per tap on "允许". Each
 * grant is a document; sending takes one by a conditional update (so two senders never use
 * the same grant) and names what it was used for (so a send redone after a crash reuses it).
 * Grants are kept by sign-in identity ("wx:<openid>"): a guest may grant before having an account.
 */
export interface SubscriptionDoc {
  _id: string;
  identity: string;
  userId: string | null;
  templateId: string;
  requestKey: string;
  grantedAt: Date;
  usedAt: Date | null;
  usedFor: string | null;
}

export const subscriptions = () => db().collection(COLLECTIONS.subscriptions);

/** Stores the grants; a retried request stores nothing twice. Returns how many were new. */
export async function recordGrants(p: { identity: string; userId: string | null; templateIds: string[]; requestId: string }) {
  let created = 0;
  for (const templateId of [...new Set(p.templateIds)]) {
    try {
      await subscriptions().add({
        identity: p.identity,
        userId: p.userId,
        templateId,
        requestKey: `${p.identity}:${p.requestId}:${templateId}`,
        grantedAt: now(),
        usedAt: null,
        usedFor: null,
      });
      created++;
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
    }
  }
  return created;
}

/** Takes one unused grant for `usedFor` (or the one it already took); null if the person has none. */
export async function consumeSubscription(identity: string, templateId: string, usedFor: string): Promise<SubscriptionDoc | null> {
  const already = await subscriptions().where({ identity, templateId, usedFor }).limit(1).get();
  if (already.data.length) return already.data[0] as SubscriptionDoc;
  for (let attempt = 0; attempt < 5; attempt++) {
    const { data } = await subscriptions().where({ identity, templateId, usedAt: null }).orderBy('grantedAt', 'asc').limit(1).get();
    const candidate = data[0] as SubscriptionDoc | undefined;
    if (!candidate) return null;
    const res = (await subscriptions().where({ _id: candidate._id, usedAt: null }).update({ usedAt: now(), usedFor })) as {
      updated: number;
    };
    if (res.updated === 1) return { ...candidate, usedAt: now(), usedFor };
  }
  return null;
}

/** Gives a grant back (the message never reached WeChat). */
export async function releaseSubscription(id: string, usedFor: string) {
  await subscriptions().where({ _id: id, usedFor }).update({ usedAt: null, usedFor: null });
}

/** Unused grants a person has for a template (the app may ask for more when it runs low). */
export async function unusedGrants(identity: string, templateId: string): Promise<number> {
  return ((await subscriptions().where({ identity, templateId, usedAt: null }).count()) as { total: number }).total;
}
