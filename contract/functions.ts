import type {
  AccountInput,
  AuditRecord,
  BindStarted,
  FamilyLink,
  FamilyMine,
  Invitation,
  Me,
  MyData,
  Page,
  QueueItem,
  RetireeSummary,
  StaffAccount,
} from './accounts';
import type {
  CertificationEntry,
  CertificationInput,
  FaceFinished,
  FaceStarted,
  FaceToday,
  FoundRetiree,
  HomeVisitItem,
  MyCertification,
} from './certification';
import type {
  CertificationReportInput,
  CertificationStats,
  ExportResult,
  SchedulerInput,
  SchedulerRun,
  SubscribeTemplates,
} from './certificationReports';
import type { ComparisonInput, MatchJob, VerificationEntry, VerificationPage } from './comparison';
import type { ContentHistory } from './content';
import type {
  AttendanceExport,
  CheckinCode,
  CheckinResult,
  EventDetail,
  EventInput,
  EventListItem,
  EventStats,
  EventView,
  MyRegistrations,
  OccurrenceView,
  RegistrationList,
  RegistrationResult,
  WeekView,
} from './events';
import type { Notice, NoticeInput, NoticePage, NoticePreview } from './notices';
import type {
  MyQuestion,
  PolicyAnswerLoaded,
  PolicyAnswerPage,
  PolicyAnswerStaff,
  PolicyAnswerStaffPage,
  PolicyAnswerView,
  PolicyInput,
  PolicyPreview,
  PolicySearchResult,
  StaffQuestion,
  StaffQuestionPage,
} from './policy';
import type { ImportJob, RosterInput } from './roster';

export type { Me } from './accounts';

/**
 * Every callable action, by function name, with its input and output types.
 * The client's `call()` is typed from this map; the server's tables implement it.
 */
export interface FunctionActions {
  content: {
    'notice.list': { input: NoticeInput<'notice.list'>; output: NoticePage };
    'notice.get': { input: NoticeInput<'notice.get'>; output: Notice };
    'notice.listAll': { input: NoticeInput<'notice.listAll'>; output: NoticePage };
    'notice.save': { input: NoticeInput<'notice.save'>; output: Notice };
    'notice.setStatus': { input: NoticeInput<'notice.setStatus'>; output: Notice };
    'notice.preview': { input: NoticeInput<'notice.preview'>; output: NoticePreview };
    'notice.versions': { input: NoticeInput<'notice.versions'>; output: ContentHistory };
    'notice.restore': { input: NoticeInput<'notice.restore'>; output: Notice };
    /** `unread`: live notices for me I have not opened (the home's badge). */
    'notice.unreadCount': { input: NoticeInput<'notice.unreadCount'>; output: { unread: number } };
    'notice.markRead': { input: NoticeInput<'notice.markRead'>; output: { unread: number } };
    'policy.list': { input: PolicyInput<'policy.list'>; output: PolicyAnswerPage };
    'policy.get': { input: PolicyInput<'policy.get'>; output: PolicyAnswerView };
    'policy.listAll': { input: PolicyInput<'policy.listAll'>; output: PolicyAnswerStaffPage };
    'policy.load': { input: PolicyInput<'policy.load'>; output: PolicyAnswerLoaded };
    'policy.save': { input: PolicyInput<'policy.save'>; output: PolicyAnswerStaff };
    'policy.publish': { input: PolicyInput<'policy.publish'>; output: PolicyAnswerStaff };
    'policy.unpublish': { input: PolicyInput<'policy.unpublish'>; output: PolicyAnswerStaff };
    'policy.preview': { input: PolicyInput<'policy.preview'>; output: PolicyPreview };
    'policy.versions': { input: PolicyInput<'policy.versions'>; output: ContentHistory };
    'policy.restore': { input: PolicyInput<'policy.restore'>; output: PolicyAnswerStaff };
    'policy.feedback': { input: PolicyInput<'policy.feedback'>; output: { helpful: boolean; note: string | null } };
    'policy.search': { input: PolicyInput<'policy.search'>; output: PolicySearchResult };
    'question.ask': { input: PolicyInput<'question.ask'>; output: MyQuestion };
    'question.mine': { input: PolicyInput<'question.mine'>; output: MyQuestion[] };
    'question.list': { input: PolicyInput<'question.list'>; output: StaffQuestionPage };
    'question.get': { input: PolicyInput<'question.get'>; output: StaffQuestion };
    'question.answer': { input: PolicyInput<'question.answer'>; output: StaffQuestion };
    /** A new draft policy answer made from the question, names and numbers masked. */
    'question.publish': { input: PolicyInput<'question.publish'>; output: PolicyAnswerStaff };
  };
  account: {
    /** Who am I? Answers for every caller, signed in or not. */
    'me.get': { input: AccountInput<'me.get'>; output: Me };
    'me.data': { input: AccountInput<'me.data'>; output: MyData };
    'me.unbind': { input: AccountInput<'me.unbind'>; output: Me };
    'privacy.accept': { input: AccountInput<'privacy.accept'>; output: { accepted: true; version: string } };
    'bind.start': { input: AccountInput<'bind.start'>; output: BindStarted };
    'bind.confirm': { input: AccountInput<'bind.confirm'>; output: Me };
    'family.request': { input: AccountInput<'family.request'>; output: { message: string } };
    'family.mine': { input: AccountInput<'family.mine'>; output: FamilyMine };
    'family.respond': { input: AccountInput<'family.respond'>; output: FamilyLink };
    'family.end': { input: AccountInput<'family.end'>; output: FamilyLink };
    'family.elder': { input: AccountInput<'family.elder'>; output: RetireeSummary };
    'family.queue': { input: AccountInput<'family.queue'>; output: Page<QueueItem> };
    'family.review': { input: AccountInput<'family.review'>; output: FamilyLink };
    'roster.list': { input: AccountInput<'roster.list'>; output: Page<RetireeSummary> };
    'roster.get': { input: AccountInput<'roster.get'>; output: RetireeSummary };
    'roster.reveal': { input: AccountInput<'roster.reveal'>; output: { value: string } };
    'staff.list': { input: AccountInput<'staff.list'>; output: StaffAccount[] };
    'staff.invite': { input: AccountInput<'staff.invite'>; output: Invitation };
    'staff.claim': { input: AccountInput<'staff.claim'>; output: Me };
    'staff.update': { input: AccountInput<'staff.update'>; output: StaffAccount };
    'staff.disable': { input: AccountInput<'staff.disable'>; output: StaffAccount };
    'audit.search': { input: AccountInput<'audit.search'>; output: Page<AuditRecord> };
  };
  certification: {
    'status.mine': { input: Record<string, never>; output: MyCertification };
    'stats.get': { input: CertificationReportInput<'stats.get'>; output: CertificationStats };
    'export.create': { input: CertificationReportInput<'export.create'>; output: ExportResult };
    'subscribe.record': { input: CertificationReportInput<'subscribe.record'>; output: { recorded: number } };
    'subscribe.templates': { input: CertificationReportInput<'subscribe.templates'>; output: SubscribeTemplates };
    'face.consent': { input: CertificationInput<'face.consent'>; output: { accepted: true; version: string } };
    'face.today': { input: CertificationInput<'face.today'>; output: FaceToday };
    'face.start': { input: CertificationInput<'face.start'>; output: FaceStarted };
    'face.finish': { input: CertificationInput<'face.finish'>; output: FaceFinished };
    'staff.find': { input: CertificationInput<'staff.find'>; output: FoundRetiree[] };
    'staff.record': { input: CertificationInput<'staff.record'>; output: FoundRetiree };
    'history.get': { input: CertificationInput<'history.get'>; output: CertificationEntry[] };
    'homeVisit.list': { input: CertificationInput<'homeVisit.list'>; output: Page<HomeVisitItem> & { total: number } };
    'homeVisit.assign': { input: CertificationInput<'homeVisit.assign'>; output: { assigned: number; assigneeName: string | null } };
  };
  scheduler: {
    'daily.run': { input: SchedulerInput<'daily.run'>; output: SchedulerRun };
    'daily.last': { input: SchedulerInput<'daily.last'>; output: SchedulerRun[] };
  };
  roster: {
    'import.start': { input: RosterInput<'import.start'>; output: ImportJob };
    'import.run': { input: RosterInput<'import.run'>; output: ImportJob };
    'import.get': { input: RosterInput<'import.get'>; output: ImportJob };
    'import.list': { input: RosterInput<'import.list'>; output: ImportJob[] };
  };
  events: {
    'event.week': { input: EventInput<'event.week'>; output: WeekView };
    'event.get': { input: EventInput<'event.get'>; output: EventDetail };
    'event.list': { input: EventInput<'event.list'>; output: EventListItem[] };
    'event.save': { input: EventInput<'event.save'>; output: EventView };
    'event.publish': { input: EventInput<'event.publish'>; output: EventView };
    'event.end': { input: EventInput<'event.end'>; output: EventView };
    /** `told`: messages queued for the people registered. */
    'occurrence.cancel': { input: EventInput<'occurrence.cancel'>; output: OccurrenceView & { told: number } };
    'occurrence.move': { input: EventInput<'occurrence.move'>; output: OccurrenceView & { told: number } };
    'registration.create': { input: EventInput<'registration.create'>; output: RegistrationResult };
    'registration.cancel': { input: EventInput<'registration.cancel'>; output: RegistrationResult };
    'registration.mine': { input: EventInput<'registration.mine'>; output: MyRegistrations };
    'registration.list': { input: EventInput<'registration.list'>; output: RegistrationList };
    'registration.review': { input: EventInput<'registration.review'>; output: RegistrationResult };
    'checkin.code': { input: EventInput<'checkin.code'>; output: CheckinCode };
    'checkin.scan': { input: EventInput<'checkin.scan'>; output: CheckinResult };
    'checkin.mark': { input: EventInput<'checkin.mark'>; output: CheckinResult };
    'attendance.export': { input: EventInput<'attendance.export'>; output: AttendanceExport };
    'stats.get': { input: EventInput<'stats.get'>; output: EventStats };
  };
  comparison: {
    'match.start': { input: ComparisonInput<'match.start'>; output: MatchJob };
    'match.run': { input: ComparisonInput<'match.run'>; output: MatchJob };
    'match.get': { input: ComparisonInput<'match.get'>; output: MatchJob };
    'match.list': { input: ComparisonInput<'match.list'>; output: MatchJob[] };
    'verification.list': { input: ComparisonInput<'verification.list'>; output: VerificationPage };
    'verification.settle': { input: ComparisonInput<'verification.settle'>; output: VerificationEntry };
  };
}

export type FunctionName = keyof FunctionActions;
export type ActionName<F extends FunctionName> = keyof FunctionActions[F] & string;
export type ActionInput<F extends FunctionName, A extends ActionName<F>> = FunctionActions[F][A] extends {
  input: infer I;
}
  ? I
  : never;
export type ActionOutput<F extends FunctionName, A extends ActionName<F>> = FunctionActions[F][A] extends {
  output: infer O;
}
  ? O
  : never;
