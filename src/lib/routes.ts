/** Every page address in one place. */
export type ComingTopic = 'certification' | 'events' | 'policy';

/** `?back=` for pages that send the person on and bring them back afterwards. */
const withBack = (path: string, back?: string) => (back ? `${path}?back=${encodeURIComponent(back)}` : path);

export const routes = {
  home: () => '/pages/index/index',
  notices: () => '/pages/notices/index',
  noticeDetail: (id: string) => `/pages/notices/detail?id=${encodeURIComponent(id)}`,
  coming: (topic: ComingTopic) => `/pages/coming/index?topic=${topic}`,
  /** The privacy guide; after 同意并继续 the person goes on to `back`. */
  privacy: (back?: string) => withBack('/pages/privacy/index', back),
  bind: () => '/pages/account/bind',
  mine: () => '/pages/account/mine',
  family: () => '/pages/family/index',
  /** Face verification for me or an elder I help. */
  certify: (retireeId?: string) => (retireeId ? `/pages/certify/index?retireeId=${encodeURIComponent(retireeId)}` : '/pages/certify/index'),
  /** 活动: the week's events. */
  events: () => '/pages/events/index',
  /** One event; `occurrenceId` chooses the occurrence to register for. */
  eventDetail: (eventId: string, occurrenceId?: string) =>
    `/pages/events/detail?eventId=${encodeURIComponent(eventId)}${occurrenceId ? `&occurrenceId=${encodeURIComponent(occurrenceId)}` : ''}`,
  /** 我的报名: mine and the elders I help. */
  myEvents: () => '/pages/events/mine',
  /** The check-in QR code of one confirmed registration, to show at the door. */
  checkinCode: (registrationId: string) => `/pages/events/checkin?registrationId=${encodeURIComponent(registrationId)}`,
  /** 政策问答: search, the categories, the latest answers. */
  policy: () => '/pages/policy/index',
  /** One answer in large type, with 朗读 and "did this help?". */
  policyDetail: (id: string) => `/pages/policy/detail?id=${encodeURIComponent(id)}`,
  /** Ask the centre a question, and 我的提问 with the answers. */
  policyAsk: () => '/pages/policy/ask',
  staffCertify: () => '/pages/staff/certify/index',
  staffNotices: () => '/pages/staff/notices/index',
  staffFamily: () => '/pages/staff/family/index',
  staffRoster: () => '/pages/staff/roster/index',
  staffTeam: () => '/pages/staff/team/index',
  staffClaim: () => '/pages/staff/claim/index',
  staffImport: () => '/pages/staff/import/index',
  staffComparison: () => '/pages/staff/comparison/index',
  consoleSignIn: () => '/pages/staff/signin/index',
  staffAudit: () => '/pages/staff/audit/index',
  staffCertificationReports: () => '/pages/staff/certification/index',
  /** 活动管理: events, their occurrences, publish, end, cancel or move one. */
  staffEvents: () => '/pages/staff/events/index',
  /** 签到 for one occurrence: scan or type codes, the list, walk-ins, the sign-in sheet. */
  staffEventCheckin: (occurrenceId: string) => `/pages/staff/events/checkin?occurrenceId=${encodeURIComponent(occurrenceId)}`,
  staffEventStats: () => '/pages/staff/events/stats',
  /** 政策问答管理: every answer, by status and category. */
  staffPolicy: () => '/pages/staff/policy/index',
  /** One answer: its summary, preview, publish or take down, versions; no id = a new one, `edit` = straight into the editor. */
  staffPolicyAnswer: (id?: string, edit = false) =>
    id ? `/pages/staff/policy/answer?id=${encodeURIComponent(id)}${edit ? '&edit=1' : ''}` : '/pages/staff/policy/answer',
  /** 群众提问: read and answer questions, and make an answered one into a draft policy answer. */
  staffQuestions: () => '/pages/staff/questions/index',
};

/**
 * A `back` address read from a page's query: only this app's own pages, so a crafted link
 * cannot send someone elsewhere. Mini-programs hand the query over still encoded.
 */
export function safeBack(raw: string | undefined): string | null {
  if (!raw) return null;
  let url = raw;
  try {
    if (url.includes('%')) url = decodeURIComponent(url);
  } catch {
    return null;
  }
  return /^\/pages\/[a-z0-9/_-]+(\?[A-Za-z0-9=&%_.-]*)?$/.test(url) ? url : null;
}

/** A page's query value as it was before encoding (mini-programs hand it over still encoded; H5 does not). */
export function routeParam(raw: string | undefined): string {
  if (!raw) return '';
  try {
    return raw.includes('%') ? decodeURIComponent(raw) : raw;
  } catch {
    return raw;
  }
}
