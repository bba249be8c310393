/**
 * Deterministic demo data: a roster of retirees, the dev sign-in accounts and a few
 * notices. Same seed and `today` → the same output, byte for byte, so screenshots,
 * tests and benchmarks agree. Never uses Math.random or the clock.
 *
 * Everything is fake on purpose:
 *  - ID numbers pass the GB 11643 checksum but start with 99, which is no province's
 *    code (real ones run 11–82), so a demo number can never be a real person's.
 *  - Phone numbers are '199' + 8 generated digits. 199 is a real prefix, so treat them
 *    as fake by origin: never send an SMS to a demo roster.
 *
 * Rows are generated one at a time from one PRNG stream, so a smaller roster is a
 * prefix of a larger one with the same seed: the demo accounts (rows 0–2) are the
 * same people at every scale.
 */
import { checkDigit, isLeapYear } from '../../contract/idCard';
import { GIVEN_DAUGHTER, GIVEN_FEMALE, GIVEN_MALE, NON_MAINLAND_AREA_CODES, SINGLE_FEMALE, SINGLE_MALE, STREETS, SURNAMES } from './names';

export interface RosterRow {
  name: string;
  idNumber: string;
  phone: string;
  sex: 'M' | 'F';
  birthDate: string;
  retirementDate: string;
  lastCertifiedAt: string | null;
  street: string;
  community: string;
  abroad: boolean;
  nonMainlandId: boolean;
}
export interface DemoAccount {
  key: string;
  /** 'guest': a WeChat user with no account yet (the binding journey starts here). */
  role: 'retiree' | 'family' | 'staff' | 'admin' | 'guest';
  name: string;
  label: string;
  openid?: string;
  uid?: string;
  retireeIdNumber?: string;
  parentIdNumber?: string;
  relation?: string;
  streets?: string[] | 'all';
}
export interface DemoNotice {
  title: string;
  body: string;
  pinned: boolean;
  status: 'draft' | 'published';
  /** ISO 8601 with +08:00, or null for a draft. */
  publishedAt: string | null;
}
export interface DemoData {
  roster: RosterRow[];
  accounts: DemoAccount[];
  notices: DemoNotice[];
}

export const DEFAULT_SEED = 20261123;
export const DEFAULT_TODAY = '2026-11-23';
/** 'district' is the source article's figure for Haicang (36,558 under management). */
export const SCALES = { demo: 60, district: 36_558, city: 600_000 } as const;
export type Scale = keyof typeof SCALES | number;

// ---- randomness -----------------------------------------------------------

// Hot-loop globals bound once: under jest's vm sandbox every global lookup goes
// through the context and a 600k-row run took several times longer.
const { floor, imul } = Math;
const utc = Date.UTC;

/** mulberry32: tiny, fast, good enough for demo data, identical on every platform. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = imul(t ^ (t >>> 15), t | 1);
    t ^= t + imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const int = (rng: Rng, lo: number, hi: number) => lo + floor(rng() * (hi - lo + 1));
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[floor(rng() * xs.length)];

/** A sampler over weighted items (cumulative table + binary search). */
function weighted<T>(items: ReadonlyArray<readonly [T, number]>): (rng: Rng) => T {
  const cum: number[] = [];
  let total = 0;
  for (const [, w] of items) {
    total += w;
    cum.push(total);
  }
  return (rng) => {
    const x = rng() * total;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return items[lo][0];
  };
}

// ---- dates: whole days since 1970-01-01, so the host's time zone never matters.
// Plain arithmetic rather than Date#toISOString, which was half the run time at 600k.

type Ymd = [number, number, number];
const dayNum = (y: number, m: number, d: number) => utc(y, m - 1, d) / 86_400_000;

/** Day number → [y, m, d] (H. Hinnant's civil_from_days). */
function civil(n: number): Ymd {
  const z = n + 719_468;
  const era = floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = floor((doe - floor(doe / 1460) + floor(doe / 36_524) - floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + floor(yoe / 4) - floor(yoe / 100));
  const mp = floor((5 * doy + 2) / 153);
  const d = doy - floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}
const two = (n: number) => (n < 10 ? `0${n}` : `${n}`);
const pad = (n: number, width: number) => `${n}`.padStart(width, '0');
const fmt = ([y, m, d]: Ymd) => `${y}-${two(m)}-${two(d)}`;
const isoDay = (n: number) => fmt(civil(n));

function parseDay(s: string): Ymd {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m || isoDay(dayNum(+m[1], +m[2], +m[3])) !== s) throw new RangeError(`today must be YYYY-MM-DD, got ${s}`);
  return [+m[1], +m[2], +m[3]];
}

/** The same month and day n years later; someone born on 29 Feb comes of age on 1 Mar in a common year. */
function addYears([y, m, d]: Ymd, n: number): Ymd {
  return m === 2 && d === 29 && !isLeapYear(y + n) ? [y + n, 3, 1] : [y + n, m, d];
}

/** Day numbers [lo, hi] of the birth dates that make someone exactly `age` on today. */
function birthRange([ty, tm, td]: Ymd, age: number): [number, number] {
  const feb29 = tm === 2 && td === 29;
  const hiYear = ty - age;
  const loYear = hiYear - 1;
  const hi = feb29 && !isLeapYear(hiYear) ? dayNum(hiYear, 2, 28) : dayNum(hiYear, tm, td);
  const lo = feb29 && !isLeapYear(loYear) ? dayNum(loYear, 3, 1) : dayNum(loYear, tm, td) + 1;
  return [lo, hi];
}

// ---- people ----------------------------------------------------------------

const MAX_AGE = 95;
/** Flat to 72, then thinning out to 95, as a retiree roster does. */
const ageWeights = (min: number) =>
  weighted(
    Array.from({ length: MAX_AGE - min + 1 }, (_, i) => {
      const age = min + i;
      return [age, age <= 72 ? 1 : 1 - (0.92 * (age - 72)) / (MAX_AGE - 72)] as const;
    }),
  );
// Simplified retirement ages: men 60; women 50 (workers) or 55 (cadres). Nobody
// here is younger than their retirement age, so every retirementDate is past.
const pickAge = { M: ageWeights(60), F: ageWeights(55) };
const pickSurname = weighted(SURNAMES);
const pickStreet = weighted(STREETS.map((s) => [s, s.weight] as const));

function givenName(rng: Rng, sex: 'M' | 'F'): string {
  const single = rng() < 0.2;
  if (sex === 'M') return pick(rng, single ? SINGLE_MALE : GIVEN_MALE);
  return pick(rng, single ? SINGLE_FEMALE : GIVEN_FEMALE);
}

/** Fixed traits of the first rows, so the demo accounts always show useful states. */
interface Pin {
  sex: 'M' | 'F';
  age: number;
  certifiedDaysAgo: number;
}
const PINNED: Pin[] = [
  { sex: 'F', age: 68, certifiedDaysAgo: 95 }, // 'retiree': certified, nothing to do
  { sex: 'M', age: 72, certifiedDaysAgo: 395 }, // 'retiree2': past 12 months, overdue
  { sex: 'M', age: 83, certifiedDaysAgo: 350 }, // the family account's father: due within weeks
];

/** Rows 0–2 are bound or linked demo accounts; row 3 is the newcomer's to bind. */
const DEMO_ROWS_USED = 4;

// Phones: index i → '199' + (i·MULT + offset) mod 10^8. MULT is coprime with 10^8,
// so the map is a bijection: unique numbers for the first 10^8 rows, scattered.
const PHONE_MULT = 7_654_321;

// Issued IDs are remembered as small integers (area, birth day, sequence), not as
// strings: a Set of 600k numbers is ten times faster than one of 600k strings.
const AREA_CODES = [...STREETS.map((s) => s.areaCode), ...NON_MAINLAND_AREA_CODES];
const idKey = (area: string, birthDay: number, seq: number) => (AREA_CODES.indexOf(area) * 100_000 + (birthDay + 50_000)) * 1000 + seq;

/**
 * Streams `count` roster rows. Memory grows only by a Set of issued IDs,
 * which is what makes uniqueness a guarantee rather than a likelihood.
 */
export function* generateRoster(count: number, seed = DEFAULT_SEED, today = DEFAULT_TODAY): Generator<RosterRow> {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a whole number ≥ 0, got ${count}`);
  const todayParts = parseDay(today);
  const todayNum = dayNum(...todayParts);
  const rng = mulberry32(seed);
  const phoneOffset = floor(mulberry32(seed ^ 0x9e3779b9)() * 1e8);
  const issued = new Set<number>();

  for (let i = 0; i < count; i++) {
    const pin = PINNED[i];
    const sex: 'M' | 'F' = pin?.sex ?? (rng() < 0.53 ? 'F' : 'M');
    const age = pin?.age ?? pickAge[sex](rng);
    const [lo, hi] = birthRange(todayParts, age);
    const birthDay = int(rng, lo, hi);
    const birth = civil(birthDay);
    const birthDate = fmt(birth);
    const retireAge = sex === 'M' ? 60 : rng() < 0.6 ? 50 : 55;
    const retirementDate = fmt(addYears(birth, retireAge));

    const street = pickStreet(rng);
    const community = pick(rng, street.communities);
    const abroad = !pin && rng() < 0.01;
    const nonMainlandId = !pin && rng() < 0.003;

    // Most certified within the last 12 months; ~8% 12–14 months ago (overdue under
    // a 12-month rule); ~3% never certified in the system.
    const r = rng();
    const daysAgo = pin ? pin.certifiedDaysAgo : r < 0.03 ? null : r < 0.11 ? int(rng, 366, 426) : int(rng, 0, 365);
    let lastCertifiedAt = daysAgo === null ? null : isoDay(todayNum - daysAgo);
    // Nobody is certified before they retire (ISO dates compare as strings).
    if (lastCertifiedAt !== null && lastCertifiedAt < retirementDate) lastCertifiedAt = retirementDate;

    const area = nonMainlandId ? pick(rng, NON_MAINLAND_AREA_CODES) : street.areaCode;
    const prefix = area + birth[0] + two(birth[1]) + two(birth[2]);
    // Sequence digits: odd for men, even for women. On a clash step by 2 (same
    // parity); 500 same-sex people on one day in one area would be needed to run out.
    let seq = 2 * floor(rng() * 500) + (sex === 'M' ? 1 : 0);
    let tries = 0;
    while (issued.has(idKey(area, birthDay, seq))) {
      seq = (seq + 2) % 1000;
      if (++tries >= 500) throw new Error(`ran out of ID sequence numbers for ${prefix}`);
    }
    const first17 = prefix + pad(seq, 3);
    issued.add(idKey(area, birthDay, seq));

    yield {
      name: pickSurname(rng) + givenName(rng, sex),
      idNumber: first17 + checkDigit(first17),
      phone: `199${pad((i * PHONE_MULT + phoneOffset) % 1e8, 8)}`,
      sex,
      birthDate,
      retirementDate,
      lastCertifiedAt,
      street: street.name,
      community,
      abroad,
      nonMainlandId,
    };
  }
}

// ---- accounts and notices --------------------------------------------------

function demoAccounts(roster: RosterRow[], seed: number): DemoAccount[] {
  const [mine, overdue, parent, newcomer] = roster;
  // The daughter takes her father's surname; her given name is from a younger generation.
  const daughter = parent.name[0] + pick(mulberry32(seed ^ 0x51ed), GIVEN_DAUGHTER);
  return [
    {
      key: 'retiree',
      role: 'retiree',
      name: mine.name,
      label: `退休人员 ${mine.name}（已绑定，已认证）`,
      openid: 'demo-openid-retiree',
      retireeIdNumber: mine.idNumber,
    },
    {
      key: 'retiree2',
      role: 'retiree',
      name: overdue.name,
      label: `退休人员 ${overdue.name}（已绑定，认证已过期）`,
      openid: 'demo-openid-retiree2',
      retireeIdNumber: overdue.idNumber,
    },
    {
      key: 'family',
      role: 'family',
      name: daughter,
      label: `家属 ${daughter}（${parent.name}的女儿）`,
      openid: 'demo-openid-family',
      parentIdNumber: parent.idNumber,
      relation: '女儿',
    },
    {
      key: 'newcomer',
      role: 'guest',
      name: '新用户',
      label: `新用户（还没绑定；可试着绑定为 ${newcomer.name}，身份证号 ${newcomer.idNumber}）`,
      openid: 'demo-openid-newcomer',
    },
    { key: 'staff', role: 'staff', name: '陈晓燕', label: '工作人员 陈晓燕（全区）', uid: 'demo-staff', streets: 'all' },
    {
      key: 'staff-street',
      role: 'staff',
      name: '林志明',
      label: '工作人员 林志明（新阳街道）',
      uid: 'demo-staff-xinyang',
      streets: ['新阳街道'],
    },
    { key: 'admin', role: 'admin', name: '王海峰', label: '管理员 王海峰', uid: 'demo-admin' },
  ];
}

export function demoNotices(today = DEFAULT_TODAY): DemoNotice[] {
  const todayNum = dayNum(...parseDay(today));
  const at = (daysAgo: number, time: string) => `${isoDay(todayNum - daysAgo)}T${time}:00+08:00`;
  const yearOf = (daysAgo: number) => isoDay(todayNum - daysAgo).slice(0, 4);
  return [
    {
      title: `${yearOf(320)}年度养老金领取资格认证开始了`,
      pinned: true,
      status: 'published',
      publishedAt: at(320, '09:00'),
      body: [
        '今年的养老金领取资格认证已经开始。请记住：两次认证之间不要超过12个月。',
        '大多数人不用做任何事。我们会通过大数据比对（看病结算、乘车刷卡、社保卡使用等记录）确认您的领取资格，这叫“零打扰”认证。打开小程序就能看到自己是否已经认证。',
        '如果小程序提示您需要认证，可以这样办：\n1. 在微信里打开本小程序，按提示刷脸认证。\n2. 不会用手机的，可以请子女在他们的手机上帮您认证，但要刷您本人的脸。\n3. 到所在街道或社区现场认证。\n4. 行动不便的，告诉社区，我们安排工作人员上门认证。',
        '住在境外或持港澳台、外国证件的，不能用微信刷脸，请用“中国领事”App认证，或者联系我们办理纸质认证。',
        '超过12个月没有认证，养老金会暂停发放；补上认证后会恢复发放，暂停期间的钱会一起补发。',
      ].join('\n\n'),
    },
    {
      title: '太极拳公益课：每周一、二、四上午在海沧体育中心',
      pinned: false,
      status: 'published',
      publishedAt: at(12, '08:30'),
      body: [
        '太极拳公益课已经办了近7年，照常上课，不收费，欢迎退休人员参加。',
        '时间：每周一、周二、周四上午\n地点：海沧体育中心\n老师：赵堡太极拳传承人',
        '第一次来不用担心跟不上，老师会从基本动作教起。请穿宽松的衣服和平底鞋，自带饮用水。身体不舒服时请不要勉强。',
        '可以在小程序里报名，也可以直接到场。',
      ].join('\n\n'),
    },
    {
      title: `${yearOf(34)}年重阳节慰问金已发放，每人150元`,
      pinned: false,
      status: 'published',
      publishedAt: at(34, '10:00'),
      body: [
        '重阳节慰问金已经发放：纳入社会化管理服务的退休人员，每人150元，发到您领取养老金的银行账户，同时会收到一条祝福短信。春节期间还会再发一次，标准相同。',
        '住院或生活特别困难的退休人员，可以向所在社区申请困难慰问。',
        '退休人员去世的，请家属在20个工作日内告诉社区或退服中心，家属可以申请慰问金。',
      ].join('\n\n'),
    },
    {
      title: '老年助餐补贴：60至69岁每餐3元，70岁以上每餐6元',
      pinned: false,
      status: 'published',
      publishedAt: at(60, '09:30'),
      body: [
        '在助老餐厅吃午餐、晚餐，可以享受就餐补贴：\n· 60至69岁：每餐每人补贴3元\n· 70岁及以上：每餐每人补贴6元',
        '助老餐厅的套餐是“一荤两素加主食”，指导价11至13元。',
        '第一次去就餐请带上身份证。离您最近的助老餐厅在哪里，可以问所在社区。',
      ].join('\n\n'),
    },
    {
      title: '社会救助标准：低保每人每月1045元，特困每人每月1568元',
      pinned: false,
      status: 'published',
      publishedAt: at(150, '15:00'),
      body: [
        '城乡最低生活保障（低保）标准：每人每月1045元。\n城乡特困人员基本生活标准：每人每月1568元。',
        '家里生活有困难的，可以到街道便民服务中心或社区申请，工作人员会告诉您要带哪些材料。不方便出门的，可以请社区干部上门了解情况。',
      ].join('\n\n'),
    },
    {
      title: `${Number(yearOf(0)) + 1}年春节慰问金发放安排`,
      pinned: false,
      status: 'draft',
      publishedAt: null,
      body: '春节前，纳入社会化管理服务的退休人员每人发放慰问金150元，发到领取养老金的银行账户。具体发放日期确定后另行通知。',
    },
  ];
}

export function scaleCount(scale: Scale): number {
  const n = typeof scale === 'number' ? scale : SCALES[scale];
  if (n === undefined) throw new RangeError(`unknown scale ${String(scale)}; use demo, district, city or a number`);
  return n;
}

export function generateDemoData(opts: { scale?: Scale; seed?: number; today?: string } = {}): DemoData {
  const { scale = 'demo', seed = DEFAULT_SEED, today = DEFAULT_TODAY } = opts;
  const count = scaleCount(scale);
  if (count < DEMO_ROWS_USED) throw new RangeError(`the demo accounts need at least ${DEMO_ROWS_USED} roster rows`);
  const roster = [...generateRoster(count, seed, today)];
  return { roster, accounts: demoAccounts(roster, seed), notices: demoNotices(today) };
}
