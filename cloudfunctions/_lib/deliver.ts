import { COLLECTIONS } from '../../database/collections';
import type { UserDoc } from './caller';
import { db } from './cloud';
import { sendSubscribeMessage } from './subscribeMessage';
import { consumeSubscription, releaseSubscription } from './subscriptions';
import { now } from './time';

/**
 * Delivering one message of the `notifications` outbox by subscribe message: the person must
 * be a WeChat user with an unused one-time grant for the template; the grant is taken (and
 * named after the message's key, so a crash after taking it re-uses the same one), the message
 * is sent, and the document ends as sent, no_subscription, not_wechat or failed. A message that
 * never reached WeChat gives its grant back. Only a document still pending or sending is
 * changed, so two senders at once cannot both finish it.
 */
export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'no_subscription' | 'not_wechat' | 'failed';

export interface Deliverable {
  _id: string;
  key: string;
  userId: string;
}

export const notificationsCol = () => db().collection(COLLECTIONS.notifications);

export async function finishDelivery(id: string, patch: Record<string, unknown>) {
  const _ = db().command;
  await notificationsCol()
    .where({ _id: id, status: _.in(['pending', 'sending']) })
    .update(patch);
}

export async function deliver(
  n: Deliverable,
  message: { templateId: string | undefined; page: string; data: Record<string, string> },
): Promise<DeliveryStatus> {
  const { templateId } = message;
  if (!templateId) {
    await finishDelivery(n._id, { status: 'failed', reason: 'no_template' });
    return 'failed';
  }
  const { data } = await db().collection(COLLECTIONS.users).doc(n.userId).get();
  const user = data[0] as UserDoc | undefined;
  // Only a WeChat user can receive a subscribe message (a console account has no openid).
  if (!user?.identity?.startsWith('wx:')) {
    await finishDelivery(n._id, { status: 'not_wechat' });
    return 'not_wechat';
  }
  const sub = await consumeSubscription(user.identity, templateId, n.key);
  if (!sub) {
    await finishDelivery(n._id, { status: 'no_subscription' });
    return 'no_subscription';
  }
  await finishDelivery(n._id, { status: 'sending', subscriptionId: sub._id });
  let outcome: { ok: true } | { ok: false; reason: string };
  try {
    outcome = await sendSubscribeMessage({ openid: user.identity.slice(3), templateId, page: message.page, data: message.data });
  } catch (e) {
    outcome = { ok: false, reason: `error:${(e as Error)?.message ?? 'unknown'}`.slice(0, 120) };
  }
  if (outcome.ok) {
    await finishDelivery(n._id, { status: 'sent', sentAt: now(), reason: null });
    return 'sent';
  }
  // Never reached WeChat: the grant is still the person's, for another message.
  if (outcome.reason === 'unavailable') await releaseSubscription(sub._id, n.key);
  const status = outcome.reason === 'refused' ? 'no_subscription' : 'failed';
  await finishDelivery(n._id, { status, reason: outcome.reason });
  return status;
}
