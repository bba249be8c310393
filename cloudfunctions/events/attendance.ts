import {
  type AttendanceExport,
  EVENT_KINDS,
  type EventAttendance,
  type EventKind,
  type EventStats,
  type EventStatsRow,
  eventSchemas,
  REGISTRATION_STATUS_WORDS,
  REGULAR_MIN_PERSON_TIMES,
  type RegistrationVia,
} from '../../contract/events';
import { startsAtIso } from '../../contract/recurrence';
import { shanghaiDay } from '../../contract/time';
import { COLLECTIONS } from '../../database/collections';
import { audit } from '../_lib/audit';
import type { Caller } from '../_lib/caller';
import { db } from '../_lib/cloud';
import { action, STAFF } from '../_lib/defineFunction';
import { isDuplicateKey, notFound } from '../_lib/errors';
import { createExportFile, tempUrl } from '../_lib/exportFile';
import type { RetireeDoc } from '../_lib/retirees';
import { now } from '../_lib/time';
import { type EventDoc, eventsById, getEvent, getOccurrence, type OccurrenceDoc, occurrencesCol, registrationsCol } from './store';

/**
 * Attendance: person-times (one person checked in at one occurrence) by kind, month and year,
 * the different people among them, regulars, and each event's attendance rate (checked in ÷
 * places taken at occurrences held); and the sign-in sheet staff download (XLSX or CSV, phone
 * numbers masked, audited, a retried request answered with the same file).
 */
const PAGE = 1000;
const exportsCol = () => db().collection(COLLECTIONS.exports);

interface CheckinRow {
  _id: string;
  eventId: string;
  occurrenceId: string;
  retireeId: string;
  checkedInAt: Date;
}

/** Occurrences whose date lies in the year, read in pages by date. */
async function occurrencesOfYear(year: number): Promise<OccurrenceDoc[]> {
  const _ = db().command;
  const out: OccurrenceDoc[] = [];
  for (let skip = 0; ; skip += PAGE) {
    const { data } = await occurrencesCol()
      .where({ date: _.gte(`${year}-01-01`).and(_.lte(`${year}-12-31`)) })
      .orderBy('date', 'asc')
      .orderBy('_id', 'asc')
      .skip(skip)
      .limit(PAGE)
      .get();
    out.push(...(data as OccurrenceDoc[]));
    if (data.length < PAGE) break;
  }
  return out;
}

/** Check-ins made in the year (UTC+8): on the day of their occurrence, so the same year as its date. */
async function checkinsOfYear(year: number): Promise<CheckinRow[]> {
  const _ = db().command;
  const from = new Date(startsAtIso(`${year}-01-01`, '00:00'));
  const to = new Date(startsAtIso(`${year + 1}-01-01`, '00:00'));
  const out: CheckinRow[] = [];
  let cursor: string | null = null;
  for (;;) {
    const base = { checkedInAt: _.gte(from).and(_.lt(to)), status: 'confirmed' };
    const { data } = await registrationsCol()
      .where(cursor ? { ...base, _id: _.gt(cursor) } : base)
      .field({ _id: true, eventId: true, occurrenceId: true, retireeId: true, checkedInAt: true })
      .orderBy('_id', 'asc')
      .limit(PAGE)
      .get();
    out.push(...(data as CheckinRow[]));
    if (data.length < PAGE) break;
    cursor = (data[data.length - 1] as CheckinRow)._id;
  }
  return out;
}

const emptyRow = (): EventStatsRow => ({ personTimes: 0, participants: 0, occurrences: 0 });

export async function eventStats(year: number): Promise<EventStats> {
  const at = now().getTime();
  const [occs, checkins] = await Promise.all([occurrencesOfYear(year), checkinsOfYear(year)]);
  // Held: not cancelled, and started already.
  const held = occs.filter((o) => o.status === 'scheduled' && Date.parse(o.startsAt) <= at);
  const occById = new Map(occs.map((o) => [o._id, o]));
  const events = await eventsById([...held.map((o) => o.eventId), ...checkins.map((c) => c.eventId)]);

  const kindOf = (eventId: string, occId: string): EventKind => events.get(eventId)?.kind ?? occById.get(occId)?.kind ?? 'class';
  const monthOf = (c: CheckinRow) => Number((occById.get(c.occurrenceId)?.date ?? shanghaiDay(c.checkedInAt)).slice(5, 7));

  const byKind = new Map<EventKind, { row: EventStatsRow; people: Set<string>; events: Set<string> }>();
  const byMonth = Array.from({ length: 12 }, () => ({ row: emptyRow(), people: new Set<string>() }));
  const perEvent = new Map<string, { occurrences: number; registered: number; checkedIn: number }>();
  const kindEntry = (k: EventKind) => {
    if (!byKind.has(k)) byKind.set(k, { row: emptyRow(), people: new Set(), events: new Set() });
    return byKind.get(k) as { row: EventStatsRow; people: Set<string>; events: Set<string> };
  };
  const eventEntry = (id: string) => {
    if (!perEvent.has(id)) perEvent.set(id, { occurrences: 0, registered: 0, checkedIn: 0 });
    return perEvent.get(id) as { occurrences: number; registered: number; checkedIn: number };
  };

  for (const o of held) {
    const k = kindEntry(o.kind);
    k.row.occurrences++;
    k.events.add(o.eventId);
    byMonth[Number(o.date.slice(5, 7)) - 1].row.occurrences++;
    const e = eventEntry(o.eventId);
    e.occurrences++;
    e.registered += o.confirmed;
  }
  const timesByPerson = new Map<string, number>();
  for (const c of checkins) {
    const k = kindEntry(kindOf(c.eventId, c.occurrenceId));
    k.row.personTimes++;
    k.people.add(c.retireeId);
    k.events.add(c.eventId);
    const m = byMonth[monthOf(c) - 1];
    m.row.personTimes++;
    m.people.add(c.retireeId);
    eventEntry(c.eventId).checkedIn++;
    timesByPerson.set(c.retireeId, (timesByPerson.get(c.retireeId) ?? 0) + 1);
  }

  const byEvent: EventAttendance[] = [...perEvent]
    .map(([eventId, e]) => {
      const ev = events.get(eventId) as EventDoc | undefined;
      const kind = ev?.kind ?? 'class';
      return {
        eventId,
        title: ev?.title ?? '（已删除的活动）',
        kind,
        kindWords: EVENT_KINDS[kind],
        occurrences: e.occurrences,
        registered: e.registered,
        checkedIn: e.checkedIn,
        rate: e.registered ? Math.min(1, e.checkedIn / e.registered) : null,
      };
    })
    .sort((a, b) => b.checkedIn - a.checkedIn || a.title.localeCompare(b.title));

  return {
    year,
    total: {
      personTimes: checkins.length,
      participants: timesByPerson.size,
      occurrences: held.length,
      events: new Set([...held.map((o) => o.eventId), ...checkins.map((c) => c.eventId)]).size,
      regulars: [...timesByPerson.values()].filter((n) => n >= REGULAR_MIN_PERSON_TIMES).length,
    },
    byKind: (Object.keys(EVENT_KINDS) as EventKind[]).map((kind) => {
      const e = byKind.get(kind);
      return {
        kind,
        kindWords: EVENT_KINDS[kind],
        events: e?.events.size ?? 0,
        personTimes: e?.row.personTimes ?? 0,
        participants: e?.people.size ?? 0,
        occurrences: e?.row.occurrences ?? 0,
      };
    }),
    byMonth: byMonth.map((m, i) => ({ month: i + 1, ...m.row, participants: m.people.size })),
    byEvent,
    regularMin: REGULAR_MIN_PERSON_TIMES,
  };
}

// ---- the sign-in sheet ------------------------------------------------------------

const VIA_WORDS: Record<RegistrationVia, string> = { self: '本人报名', family: '家人代报', staff: '工作人员登记' };

interface ExportDoc {
  _id: string;
  requestKey: string;
  list: 'attendance';
  format: 'xlsx' | 'csv';
  whole: false;
  scope: { occurrenceId: string | null; eventId: string };
  status: 'writing' | 'done';
  fileName: string;
  fileId: string | null;
  rows: number | null;
  createdBy: string | null;
  createdAt: Date;
}

async function toExport(d: ExportDoc): Promise<AttendanceExport> {
  return {
    exportId: d._id,
    rows: d.rows ?? 0,
    format: d.format,
    fileName: d.fileName,
    fileId: d.fileId ?? '',
    url: d.fileId ? await tempUrl(d.fileId) : '',
  };
}

const safeName = (s: string) => s.replace(/[\\/:*?"<>|\s]+/g, '').slice(0, 30) || '活动';

async function exportAttendance(
  caller: Caller,
  input: { occurrenceId?: string; eventId?: string; format: 'xlsx' | 'csv'; requestId: string },
): Promise<AttendanceExport> {
  const occ = input.occurrenceId ? await getOccurrence(input.occurrenceId) : null;
  if (input.occurrenceId && !occ) throw notFound('没有找到这一场活动');
  const event = await getEvent(occ?.eventId ?? (input.eventId as string));
  if (!event) throw notFound('没有找到这个活动');
  const fileName = `签到表-${safeName(event.title)}${occ ? `-${occ.date}` : ''}.${input.format}`;
  const requestKey = `${caller.userId}:${input.requestId}`;
  let doc: ExportDoc;
  try {
    const fields = {
      requestKey,
      list: 'attendance' as const,
      format: input.format,
      whole: false as const,
      scope: { occurrenceId: occ?._id ?? null, eventId: event._id },
      status: 'writing' as const,
      fileName,
      fileId: null,
      rows: null,
      createdBy: caller.userId,
      createdAt: now(),
    };
    const { id } = (await exportsCol().add(fields)) as { id: string };
    doc = { _id: id, ...fields };
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
    const { data } = await exportsCol().where({ requestKey }).limit(1).get();
    doc = data[0] as ExportDoc;
    if (doc.status === 'done') return toExport(doc);
  }

  // The occurrences on the sheet: the one asked for, or every one of the event up to today.
  const occurrences: OccurrenceDoc[] = [];
  if (occ) occurrences.push(occ);
  else {
    const _ = db().command;
    for (let skip = 0; ; skip += PAGE) {
      const { data } = await occurrencesCol()
        .where({ eventId: event._id, date: _.lte(shanghaiDay(now())) })
        .orderBy('date', 'asc')
        .skip(skip)
        .limit(PAGE)
        .get();
      occurrences.push(...(data as OccurrenceDoc[]));
      if (data.length < PAGE) break;
    }
  }

  const file = await createExportFile(
    doc.format,
    [
      { header: '日期', width: 12 },
      { header: '时间', width: 12 },
      { header: '活动', width: 20 },
      { header: '姓名', width: 10 },
      { header: '街道', width: 10 },
      { header: '手机号', width: 14 },
      { header: '报名方式', width: 12 },
      { header: '报名状态', width: 10 },
      { header: '签到', width: 8 },
      { header: '签到时间', width: 18 },
    ],
    '签到表',
  );
  let saved: { fileID: string; rows: number };
  try {
    const _ = db().command;
    for (const o of occurrences) {
      const regs: Array<Record<string, any>> = [];
      for (let skip = 0; ; skip += PAGE) {
        const { data } = await registrationsCol()
          .where({ occurrenceId: o._id, status: _.in(['confirmed', 'waitlisted', 'pending']) })
          .orderBy('createdAt', 'asc')
          .skip(skip)
          .limit(PAGE)
          .get();
        regs.push(...data);
        if (data.length < PAGE) break;
      }
      const phones = new Map<string, string>();
      const ids = [...new Set(regs.map((r) => r.retireeId as string))];
      for (let i = 0; i < ids.length; i += 500) {
        const { data } = await db()
          .collection(COLLECTIONS.retirees)
          .where({ _id: _.in(ids.slice(i, i + 500)) })
          .field({ _id: true, phoneMasked: true })
          .limit(500)
          .get();
        for (const r of data as Array<Pick<RetireeDoc, '_id' | 'phoneMasked'>>) phones.set(r._id, r.phoneMasked ?? '');
      }
      // Checked in first, then the others who had a place, then the waitlist.
      const rank = (r: Record<string, any>) => (r.checkedInAt ? 0 : r.status === 'confirmed' ? 1 : 2);
      regs.sort((a, b) => rank(a) - rank(b));
      for (const r of regs) {
        const checked = r.checkedInAt ? new Date(r.checkedInAt) : null;
        await file.addRow([
          o.date,
          `${o.start}-${o.end}`,
          o.title,
          r.retireeName,
          r.street,
          phones.get(r.retireeId) ?? '',
          VIA_WORDS[r.via as RegistrationVia] ?? '',
          REGISTRATION_STATUS_WORDS[r.status as keyof typeof REGISTRATION_STATUS_WORDS] ?? '',
          checked ? '已签到' : '未签到',
          checked ? `${shanghaiDay(checked)} ${new Date(checked.getTime() + 8 * 3_600_000).toISOString().slice(11, 16)}` : '',
        ]);
      }
    }
    saved = await file.save(`exports/${shanghaiDay(now())}/${doc._id}/${fileName}`);
  } catch (e) {
    await file.discard();
    throw e;
  }
  await audit(caller, {
    action: 'export.masked',
    target: { collection: COLLECTIONS.exports, id: doc._id },
    subjectId: doc._id,
    detail: { list: 'attendance', format: doc.format, eventId: event._id, occurrenceId: occ?._id ?? null, rows: saved.rows },
  });
  await exportsCol().doc(doc._id).update({ status: 'done', fileId: saved.fileID, rows: saved.rows, finishedAt: now() });
  return toExport({ ...doc, status: 'done', fileId: saved.fileID, rows: saved.rows });
}

export const attendanceActions = {
  'stats.get': action({
    input: eventSchemas['stats.get'],
    roles: STAFF,
    handler: ({ year }) => eventStats(year ?? Number(shanghaiDay(now()).slice(0, 4))),
  }),
  'attendance.export': action({
    input: eventSchemas['attendance.export'],
    roles: STAFF,
    handler: (input, { caller }) => exportAttendance(caller, input),
  }),
};
