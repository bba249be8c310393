/**
 * Every collection and index of the product, declared once. The emulator applies this
 * at start; `npm run deploy` creates the same collections and indexes in CloudBase.
 *
 * Unique indexes follow MongoDB (and so CloudBase): a document missing an indexed field
 * counts as `null`, and two such documents collide. Keep unique fields always present.
 */
export interface IndexDeclaration {
  name: string;
  keys: Record<string, 1 | -1>;
  unique?: boolean;
}

export interface CollectionDeclaration {
  name: string;
  description: string;
  indexes: IndexDeclaration[];
}

export const COLLECTIONS = {
  users: 'users',
  retirees: 'retirees',
  familyLinks: 'family_links',
  notices: 'notices',
  auditLog: 'audit_log',
  consents: 'consents',
  bindAttempts: 'bind_attempts',
  rateLimits: 'rate_limits',
  staffInvites: 'staff_invites',
  importJobs: 'import_jobs',
  certifications: 'certifications',
  faceAttempts: 'face_attempts',
  evidence: 'evidence',
  matchJobs: 'match_jobs',
  serviceTokens: 'service_tokens',
  subscriptions: 'subscriptions',
  notifications: 'notifications',
  schedulerRuns: 'scheduler_runs',
  exports: 'exports',
  events: 'events',
  occurrences: 'occurrences',
  registrations: 'registrations',
  policyAnswers: 'policy_answers',
  policyQuestions: 'policy_questions',
  contentVersions: 'content_versions',
  contentFeedback: 'content_feedback',
  contentMeta: 'content_meta',
  noticeReads: 'notice_reads',
} as const;

export const collections: CollectionDeclaration[] = [
  {
    name: COLLECTIONS.users,
    description: 'Accounts: a WeChat user (openid) or a console user (uid), with a role',
    indexes: [
      // "wx:<openid>" or "web:<uid>": one account per sign-in identity.
      { name: 'identity_unique', keys: { identity: 1 }, unique: true },
      { name: 'role', keys: { role: 1 } },
    ],
  },
  {
    name: COLLECTIONS.retirees,
    description: 'The roster: one document per retiree under socialised management',
    indexes: [
      { name: 'id_hash_unique', keys: { idHash: 1 }, unique: true },
      { name: 'street_community', keys: { street: 1, community: 1 } },
      { name: 'phone_hash', keys: { phoneHash: 1 } },
      // Kept by the scheduler each day: the statistics, the home-visit list and the suspension list read it.
      { name: 'cert_state_street', keys: { certState: 1, street: 1 } },
      { name: 'last_certified', keys: { lastCertifiedAt: 1 } },
    ],
  },
  {
    name: COLLECTIONS.familyLinks,
    description: 'A family member helping an elder: pending, active, refused or ended',
    indexes: [
      // "<helperUserId>:<retireeId>" while pending or active; "<…>:closed:<linkId>" after, so one live link per pair.
      { name: 'pair_unique', keys: { pairKey: 1 }, unique: true },
      // A retried request returns the first link.
      { name: 'request_unique', keys: { requestKey: 1 }, unique: true },
      { name: 'retiree_status', keys: { retireeId: 1, status: 1 } },
      { name: 'helper', keys: { helperUserId: 1 } },
      { name: 'status_street', keys: { status: 1, street: 1 } },
    ],
  },
  {
    name: COLLECTIONS.notices,
    description: 'Notices (通知公告): rich body, attachments, audience (audienceKeys), publish-at/expire-at, version',
    indexes: [
      { name: 'request_unique', keys: { requestId: 1 }, unique: true },
      { name: 'status_pinned_published', keys: { status: 1, pinned: -1, publishedAt: -1 } },
      { name: 'updated', keys: { updatedAt: -1 } },
    ],
  },
  {
    name: COLLECTIONS.auditLog,
    description: 'Append-only audit log of staff changes and whole-value reads',
    indexes: [
      { name: 'at', keys: { at: -1 } },
      { name: 'subject', keys: { subjectId: 1 } },
      { name: 'actor', keys: { actorUserId: 1 } },
    ],
  },
  {
    name: COLLECTIONS.consents,
    description: 'Consents given (privacy guide, face data), by sign-in identity and version',
    indexes: [{ name: 'identity_kind_version_unique', keys: { identity: 1, kind: 1, version: 1 }, unique: true }],
  },
  {
    name: COLLECTIONS.bindAttempts,
    description: 'Binding attempts: an SMS code (hashed) sent to the roster phone, with tries left',
    indexes: [
      { name: 'request_unique', keys: { requestKey: 1 }, unique: true },
      { name: 'identity', keys: { identity: 1 } },
    ],
  },
  {
    name: COLLECTIONS.rateLimits,
    description: 'Counters for rate limits; _id is "<what>:<who>:<day in UTC+8>"',
    indexes: [],
  },
  {
    name: COLLECTIONS.staffInvites,
    description: 'Invitation codes (hashed) an admin gives a new staff member',
    indexes: [
      { name: 'code_unique', keys: { codeHash: 1 }, unique: true },
      { name: 'request_unique', keys: { requestKey: 1 }, unique: true },
    ],
  },
  {
    name: COLLECTIONS.importJobs,
    description: 'Roster imports: file, progress, totals, error report, resumable cursor',
    indexes: [
      { name: 'request_unique', keys: { requestKey: 1 }, unique: true },
      { name: 'status', keys: { status: 1 } },
    ],
  },
  {
    name: COLLECTIONS.certifications,
    description: 'Certification records: who was certified, on which day, how (method, source), who operated',
    indexes: [
      // e.g. "face:<attemptId>", "data:<retireeId>:<day>", "staff:<requestId>": a retried write is one record.
      { name: 'key_unique', keys: { key: 1 }, unique: true },
      { name: 'retiree_day', keys: { retireeId: 1, day: -1 } },
      { name: 'street_day', keys: { street: 1, day: -1 } },
      { name: 'method_day', keys: { method: 1, day: -1 } },
    ],
  },
  {
    name: COLLECTIONS.faceAttempts,
    description: 'Face verification attempts: the provider, its reference and its result (never an image)',
    indexes: [
      { name: 'request_unique', keys: { requestKey: 1 }, unique: true },
      { name: 'retiree', keys: { retireeId: 1, createdAt: -1 } },
    ],
  },
  {
    name: COLLECTIONS.evidence,
    description: 'Data-comparison evidence per retiree and source: the latest day seen; _id "<retireeId>:<source>"',
    indexes: [{ name: 'retiree', keys: { retireeId: 1 } }],
  },
  {
    name: COLLECTIONS.matchJobs,
    description: 'Big-data comparison jobs: file, progress, report, resumable cursor',
    indexes: [
      { name: 'request_unique', keys: { requestKey: 1 }, unique: true },
      { name: 'status', keys: { status: 1 } },
    ],
  },
  {
    name: COLLECTIONS.serviceTokens,
    description: "Outside services' access tokens (e.g. WeChat access_token), shared by all instances; _id is the service",
    indexes: [],
  },
  {
    name: COLLECTIONS.subscriptions,
    description: 'One-time subscribe-message permissions a user granted, per template (each allows one message)',
    indexes: [
      { name: 'user_template', keys: { userId: 1, templateId: 1 } },
      // The sender looks up by sign-in identity (a guest may grant before they have an account).
      { name: 'identity_template', keys: { identity: 1, templateId: 1, usedAt: 1 } },
      // "<identity>:<requestId>:<templateId>": a retried subscribe.record stores each grant once.
      { name: 'request_unique', keys: { requestKey: 1 }, unique: true },
    ],
  },
  {
    name: COLLECTIONS.notifications,
    description: 'Messages to send or sent (reminders, notices): an outbox, one per key',
    indexes: [
      // e.g. "remind:<retireeId>:<due>:<daysBefore>:<userId>": the scheduler run twice sends once.
      { name: 'key_unique', keys: { key: 1 }, unique: true },
      { name: 'status', keys: { status: 1, createdAt: 1 } },
      // The event sender: pending messages that are due, oldest first.
      { name: 'status_send_after', keys: { status: 1, sendAfter: 1 } },
    ],
  },
  {
    name: COLLECTIONS.schedulerRuns,
    description: 'Daily scheduler runs: _id is the day (UTC+8), steps done, counts',
    indexes: [],
  },
  {
    name: COLLECTIONS.exports,
    description: 'Lists exported by staff (certified, suspended, restored; event attendance): who, which, masked or whole, rows, the file',
    indexes: [
      // "<userId>:<requestId>": a retried export answers with the first file.
      { name: 'request_unique', keys: { requestKey: 1 }, unique: true },
      { name: 'created', keys: { createdAt: -1 } },
    ],
  },
  {
    name: COLLECTIONS.events,
    description: 'Events (活动): kind, place, schedule (once or weekly with exceptions), capacity, rules; draft | published | ended',
    indexes: [
      // "<userId>:<requestId>": a retried create returns the first event.
      { name: 'request_unique', keys: { requestKey: 1 }, unique: true },
      { name: 'status_updated', keys: { status: 1, updatedAt: -1 } },
    ],
  },
  {
    name: COLLECTIONS.occurrences,
    description:
      'One document per occurrence of an event, _id "<eventId>:<original date>"; capacity and counters (confirmed, waiting, waitSeq)',
    indexes: [
      // The week listing.
      { name: 'date_start', keys: { date: 1, start: 1 } },
      { name: 'event_date', keys: { eventId: 1, date: 1 } },
    ],
  },
  {
    name: COLLECTIONS.registrations,
    description:
      'One per person per occurrence, _id "<occurrenceId>:<retireeId>": confirmed, waitlisted (with a ticket), pending, cancelled, refused',
    indexes: [
      // The waitlist in line order, and the gapless position (those waiting with a smaller ticket).
      { name: 'occurrence_status_seq', keys: { occurrenceId: 1, status: 1, waitSeq: 1 } },
      { name: 'retiree', keys: { retireeId: 1, createdAt: -1 } },
      // "<operatorUserId>:<requestId>": a retried request returns the first registration.
      { name: 'request_unique', keys: { requestKey: 1 }, unique: true },
      // Person-times of a year: the check-ins in a time range.
      { name: 'checked_in', keys: { checkedInAt: 1 } },
    ],
  },
  {
    name: COLLECTIONS.policyAnswers,
    description:
      'Policy answers (政策问答): question, sanitised answer, category, source, effective dates, related, keywords; draft | published | unpublished',
    indexes: [
      // "<userId>:<requestId>": a retried create returns the first answer.
      { name: 'request_unique', keys: { requestKey: 1 }, unique: true },
      { name: 'status_published', keys: { status: 1, publishedAt: -1 } },
      { name: 'category_status', keys: { category: 1, status: 1, publishedAt: -1 } },
      { name: 'updated', keys: { updatedAt: -1 } },
    ],
  },
  {
    name: COLLECTIONS.policyQuestions,
    description: 'Questions retirees and family ask the centre, answered privately by staff',
    indexes: [
      // "<userId>:<requestId>": a retried ask returns the first question.
      { name: 'request_unique', keys: { requestKey: 1 }, unique: true },
      // "<userId>:open:<1..5>" while waiting, "closed:<id>" after: at most five waiting per person, even in a race.
      { name: 'slot_unique', keys: { slotKey: 1 }, unique: true },
      { name: 'asker', keys: { askerUserId: 1, createdAt: -1 } },
      { name: 'status_created', keys: { status: 1, createdAt: 1 } },
    ],
  },
  {
    name: COLLECTIONS.contentVersions,
    description: 'Earlier versions of notices and policy answers; _id "<kind>:<itemId>:<version>"',
    indexes: [{ name: 'item_version', keys: { itemId: 1, version: -1 } }],
  },
  {
    name: COLLECTIONS.contentFeedback,
    description: '"Did this help?" on policy answers; _id "<answerId>:<identity>" (one per person per answer)',
    indexes: [
      { name: 'answer_helpful', keys: { answerId: 1, helpful: 1 } },
      { name: 'answer_at', keys: { answerId: 1, at: -1 } },
    ],
  },
  {
    name: COLLECTIONS.contentMeta,
    description: 'One document, _id "content": a stamp changed on every content change (search caches compare it)',
    indexes: [],
  },
  {
    name: COLLECTIONS.noticeReads,
    description: 'Notices a person has opened; _id "<identity>|<noticeId>", and "<identity>|*" for "all read up to"',
    indexes: [{ name: 'identity_notice', keys: { identity: 1, noticeId: 1 } }],
  },
];
