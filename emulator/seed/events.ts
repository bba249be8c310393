import type { EventKind } from '../../contract/events';
import { startsAtIso } from '../../contract/recurrence';

/**
 * A year of past events as the events function leaves them: one-off events (published, their
 * day gone), one occurrence each, and per occurrence the registrations, most of them checked in.
 * Written straight into the database by the demo seed and by tests of the statistics.
 *
 * SOURCE_YEAR_PLAN is the source article's year (海沧区, "今年以来"): 2 performances, 15 health
 * lectures, 2 fun sports meets and 5 study visits, 1,875 person-times in all. Per event: how many
 * came (checked in) and how many registered without coming.
 */
export interface PastEventPlan {
  kind: EventKind;
  title: string;
  placeName: string;
  /** MM-DD in the year. */
  day: string;
  start: string;
  end: string;
  came: number;
  noShows: number;
}

const lecture = (n: number, title: string, day: string): PastEventPlan => ({
  kind: 'lecture',
  title,
  placeName: n % 2 ? '海沧街道社区卫生服务中心' : '新阳街道文体中心',
  day,
  start: '14:30',
  end: '16:00',
  came: 55,
  noShows: 4,
});

export const SOURCE_YEAR_PLAN: PastEventPlan[] = [
  {
    kind: 'performance',
    title: '迎新春文艺演出',
    placeName: '海沧文化中心剧场',
    day: '01-20',
    start: '15:00',
    end: '17:00',
    came: 210,
    noShows: 12,
  },
  {
    kind: 'performance',
    title: '重阳敬老文艺汇演',
    placeName: '海沧文化中心剧场',
    day: '10-28',
    start: '15:00',
    end: '17:00',
    came: 210,
    noShows: 9,
  },
  ...[
    ['冬季常见病预防讲座', '01-09'],
    ['高血压的饮食管理', '02-26'],
    ['防跌倒居家小常识', '03-12'],
    ['防范养老诈骗讲座', '03-26'],
    ['糖尿病健康讲座', '04-16'],
    ['春季过敏与护理', '04-23'],
    ['心脑血管健康讲座', '05-14'],
    ['夏季防暑健康讲座', '06-11'],
    ['老年人合理用药', '06-25'],
    ['中医养生保健讲座', '07-16'],
    ['骨质疏松防治讲座', '08-13'],
    ['智能手机使用课堂', '09-10'],
    ['老年心理健康讲座', '09-24'],
    ['秋冬进补讲座', '10-15'],
    ['医保政策解读讲座', '11-12'],
  ].map(([title, day], i) => lecture(i, title, day)),
  {
    kind: 'sports',
    title: '春季趣味运动会',
    placeName: '海沧体育中心',
    day: '04-09',
    start: '08:30',
    end: '11:30',
    came: 160,
    noShows: 11,
  },
  { kind: 'sports', title: '秋季趣味运动会', placeName: '海沧体育中心', day: '10-22', start: '08:30', end: '11:30', came: 160, noShows: 7 },
  ...[
    ['参观海沧湾公园', '03-19'],
    ['参观厦门科技馆', '05-21'],
    ['参观集美学村', '07-09'],
    ['参观鼓浪屿风琴博物馆', '09-17'],
    ['参观海沧大桥旅游区', '11-05'],
  ].map(
    ([title, day]): PastEventPlan => ({
      kind: 'visit',
      title,
      placeName: '海沧区退休人员服务中心门口集合',
      day,
      start: '08:00',
      end: '12:00',
      came: 62,
      noShows: 3,
    }),
  ),
];

/** The same mix, small enough for the 60-person demo roster (at most 40 per event). */
export const DEMO_YEAR_PLAN: PastEventPlan[] = SOURCE_YEAR_PLAN.map((p) => ({
  ...p,
  came: Math.min(40, Math.round(p.came / 6)),
  noShows: Math.min(3, p.noShows),
}));

export interface Person {
  id: string;
  name: string;
  street: string;
}

/**
 * The documents for a plan, in `year`, only for days before `today`. `people` are taken in turn
 * (event i starts at person i·7), so the same people come again and again, as regulars do.
 */
export function pastEventDocs(plan: PastEventPlan[], people: Person[], year: number, today: string) {
  const events: Array<Record<string, unknown>> = [];
  const occurrences: Array<Record<string, unknown>> = [];
  const registrations: Array<Record<string, unknown>> = [];
  for (const [i, p] of plan.entries()) {
    const date = `${year}-${p.day}`;
    if (date >= today) continue;
    const need = p.came + p.noShows;
    if (need > people.length) throw new RangeError(`${p.title}: ${need} people needed, ${people.length} given`);
    const eventId = `history-${year}-${String(i + 1).padStart(2, '0')}`;
    const occId = `${eventId}:${date}`;
    const startsAt = startsAtIso(date, p.start);
    const at = new Date(startsAt);
    const created = new Date(at.getTime() - 10 * 86_400_000);
    events.push({
      _id: eventId,
      requestKey: `seed:${eventId}`,
      lastRequestKey: `seed:${eventId}`,
      kind: p.kind,
      title: p.title,
      description: '',
      coverFileId: null,
      place: { name: p.placeName, address: '厦门市海沧区' },
      schedule: { type: 'once', date, start: p.start, end: p.end },
      capacity: need + 20,
      opensDaysBefore: 14,
      closesMinutesBefore: 60,
      cancelMinutesBefore: 120,
      needsApproval: false,
      ageMin: null,
      ageMax: null,
      status: 'published',
      version: 1,
      materialisedUntil: date,
      createdBy: null,
      createdAt: created,
      updatedBy: null,
      updatedAt: created,
      publishedAt: created,
      endedAt: null,
    });
    occurrences.push({
      _id: occId,
      eventId,
      kind: p.kind,
      title: p.title,
      originalDate: date,
      date,
      start: p.start,
      end: p.end,
      startsAt,
      capacity: need + 20,
      confirmed: need,
      waiting: 0,
      waitSeq: 0,
      status: 'scheduled',
      cancelReason: null,
      movedFrom: null,
      createdAt: created,
      updatedAt: created,
    });
    for (let k = 0; k < need; k++) {
      const person = people[(i * 7 + k) % people.length];
      const came = k < p.came;
      registrations.push({
        _id: `${occId}:${person.id}`,
        requestKey: `seed:${occId}:${person.id}`,
        pastRequestKeys: [],
        eventId,
        occurrenceId: occId,
        retireeId: person.id,
        retireeName: person.name,
        street: person.street,
        operatorUserId: 'seed',
        operatorName: null,
        via: 'self',
        status: 'confirmed',
        waitSeq: null,
        checkedInAt: came ? new Date(at.getTime() - ((k % 20) + 1) * 60_000) : null,
        checkedInBy: came ? 'seed' : null,
        cancelledBy: null,
        reviewedBy: null,
        promotedAt: null,
        createdAt: created,
        updatedAt: created,
      });
    }
  }
  return { events, occurrences, registrations };
}
