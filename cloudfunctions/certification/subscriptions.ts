import { certificationReportSchemas, type SubscribeTemplates } from '../../contract/certificationReports';
import { action, EVERYONE } from '../_lib/defineFunction';
import { unauthenticated } from '../_lib/errors';
import { subscribeTemplates } from '../_lib/subscribeMessage';
import { recordGrants } from '../_lib/subscriptions';

/**
 * The one-time subscribe-message templates a person just accepted in WeChat
 * (`wx.requestSubscribeMessage`): each is one message we may send them later (a reminder).
 * Anyone signed in, guests included: people are asked while binding, before they are a retiree.
 */
export const subscriptionActions = {
  'subscribe.record': action({
    input: certificationReportSchemas['subscribe.record'],
    roles: ['guest', 'retiree', 'family', 'staff', 'admin'],
    handler: async ({ templateIds, requestId }, { caller }) => {
      if (!caller.identity) throw unauthenticated();
      const recorded = await recordGrants({ identity: caller.identity, userId: caller.userId, templateIds, requestId });
      return { recorded };
    },
  }),
  /**
   * The template ids `wx.requestSubscribeMessage` needs on the phone. Public: they are not
   * secret (WeChat shows them to anyone who inspects the app), and guests are asked too.
   */
  'subscribe.templates': action({
    input: certificationReportSchemas['subscribe.templates'],
    roles: EVERYONE,
    handler: async (): Promise<SubscribeTemplates> => {
      const ids = subscribeTemplates();
      return { certReminder: ids.certReminder ?? null, certResult: ids.certResult ?? null, eventReminder: ids.eventReminder ?? null };
    },
  }),
};
