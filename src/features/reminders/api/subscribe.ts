import type { SubscribeTemplates } from '@contract/certificationReports';
import { useQuery } from '@tanstack/react-query';
import { call } from '@/services/cloud';

export const reminderKeys = {
  templates: ['subscribe', 'templates'] as const,
};

/** The one-time templates this deployment uses (public; they change only with a new release). */
export const getSubscribeTemplates = (): Promise<SubscribeTemplates> => call('certification', 'subscribe.templates', {});

export const useSubscribeTemplates = (enabled: boolean) =>
  useQuery({ queryKey: reminderKeys.templates, queryFn: getSubscribeTemplates, enabled, staleTime: Number.POSITIVE_INFINITY });

/** The templates the person just accepted in WeChat; a retry with the same requestId records nothing twice. */
export const recordSubscriptions = (templateIds: string[], requestId: string): Promise<{ recorded: number }> =>
  call('certification', 'subscribe.record', { templateIds, requestId });
