import tcb from '@cloudbase/node-sdk';
import iconv from 'iconv-lite';
import { piiKeysFromEnv } from '../../cloudfunctions/_lib/pii';
import { rosterFields } from '../../cloudfunctions/_lib/retirees';
import { EVIDENCE_COLUMNS } from '../../contract/comparison';
import { localFunctionEnv } from '../../emulator/localEnv';
import { localSdkEnv } from '../../emulator/sdkEnv';
import { csvLine } from '../../emulator/seed/csv';
import { DEFAULT_TODAY, generateRoster, type RosterRow } from '../../emulator/seed/generate';
import { type LocalCloud, startLocalCloud } from '../support/localCloud';

/**
 * Big-data comparison through cloud storage, the comparison function and the emulator:
 * the strong/weak rule (also across files), stale and future records, death and
 * cancellation records that never certify and the verification list, re-running a file,
 * a crash in the middle, the report, and street scoping.
 */
let cloud: LocalCloud;
let app: ReturnType<typeof tcb.init>;
let db: any;
let staff: string;
// Small slices and chunks, so every job here is worked in several calls, as a big one would be.
// Small slices, to see many of them: 50 people per chunk, 700 rows per read slice.
const FUNCTION_ENV = {
  APP_NOW: `${DEFAULT_TODAY}T10:00:00+08:00`,
  MATCH_STEP_MS: '150',
  MATCH_LEASE_MS: '1500',
  MATCH_CHUNK: '50',
  MATCH_READ_ROWS: '700',
};
const HEADER = csvLine([...EVIDENCE_COLUMNS]);

// People made for this test (rows 100+ of the generator; the demo roster is rows 0–59), all last certified long ago.
const people: RosterRow[] = [...generateRoster(3500)].slice(100).map((r) => ({ ...r, lastCertifiedAt: '2025-10-01' }));
const person = (i: number) => people[i];
const notOnRoster = [...generateRoster(4000)].slice(3500);

beforeAll(async () => {
  cloud = await startLocalCloud({ functionEnv: FUNCTION_ENV });
  Object.assign(process.env, localSdkEnv(cloud.adminUrl));
  app = tcb.init({ env: 'local-dev', serviceUrl: cloud.adminUrl, secretId: 'l', secretKey: 'l' } as any);
  db = app.database();
  staff = await cloud.tokenFor('staff');
  const keys = piiKeysFromEnv(localFunctionEnv());
  const at = new Date();
  const docs = people.map((r) => ({ ...rosterFields(keys, r), boundUserId: null, helperCount: 0, createdAt: at, updatedAt: at }));
  for (let i = 0; i < docs.length; i += 500) await db.collection('retirees').add(docs.slice(i, i + 500));
}, 60_000);

afterAll(async () => {
  await cloud?.stop();
});

let seq = 0;
const requestId = () => `match-${Date.now().toString(36)}-${seq++}`;
const comparison = (data: Record<string, unknown>, token = staff) => cloud.callFunction('comparison', data, token);
type Row = [RosterRow | string, string, string, string?];
/** Rows: [person or ID number, source, date, name (default: the roster's)]. */
const csvOf = (rows: Row[]) =>
  `\ufeff${HEADER}${rows.map(([p, source, date, name]) => csvLine([typeof p === 'string' ? p : p.idNumber, name ?? (typeof p === 'string' ? '某人' : p.name), source, date])).join('')}`;

/** Into the folder the console uploads to (`comparison-uploads/`), whose files a finished job deletes. */
async function upload(name: string, content: Buffer | string): Promise<string> {
  const res = (await app.uploadFile({ cloudPath: `comparison-uploads/${seq++}-${name}`, fileContent: Buffer.from(content) } as any)) as {
    fileID: string;
  };
  return res.fileID;
}
const storedFile = async (fileID: string) =>
  ((await app.getTempFileURL({ fileList: [fileID] })) as any).fileList[0].code !== 'STORAGE_FILE_NONEXIST';

/** Start a job and call match.run until it ends, as the staff page does. */
async function matchFile(fileName: string, content: Buffer | string, token = staff) {
  const fileId = await upload(fileName, content);
  const started = await comparison({ action: 'match.start', fileId, fileName, requestId: requestId() }, token);
  expect(started.ok).toBe(true);
  let job = started.data;
  let calls = 0;
  for (; calls < 500 && job.phase !== 'done' && job.phase !== 'failed'; calls++) {
    const res = await comparison({ action: 'match.run', jobId: job.id }, token);
    expect(res.ok).toBe(true);
    job = res.data;
  }
  return { ...job, calls };
}

const retiree = async (r: RosterRow) => (await db.collection('retirees').where({ name: r.name, birthDate: r.birthDate }).get()).data[0];
const certificationsOf = async (r: RosterRow) =>
  (
    await db
      .collection('certifications')
      .where({ retireeId: (await retiree(r))._id })
      .get()
  ).data;
const countOf = async (name: string) => (await db.collection(name).count()).total as number;

test('one strong record certifies; one weak does not; two different weak do, also from two files; stale and future records count for nothing', async () => {
  const p = Array.from({ length: 7 }, (_, i) => person(i));
  const fileA: Row[] = [
    [p[0], '医保结算', '2026-11-01'],
    [p[0], '公交出行', '2026-10-01'],
    [p[1], '公交出行', '2026-11-02'],
    [p[2], '公交出行', '2026-11-03'],
    [p[2], '社保卡消费', '2026-11-05'],
    [p[2], '公交出行', '2026-11-01'], // an older ride: the latest counts
    [p[3], '医保结算', '2026-08-01'], // 114 days old
    [p[4], '医保结算', '2026-11-30'], // after today: an invalid row
    [p[5], '住院记录', '2026-11-06', '李四'], // not the roster's name
    [notOnRoster[0].idNumber, '医保结算', '2026-11-01', notOnRoster[0].name],
    [`${p[6].idNumber.slice(0, 17)}${p[6].idNumber[17] === '0' ? '1' : '0'}`, '医保结算', '2026-11-01'],
    [p[6], '某个不认识的来源', '2026-11-01'],
    [p[6], '医保结算', '上个月'],
  ];
  const job = await matchFile('比对文件A.csv', csvOf(fileA));
  expect(job).toMatchObject({
    phase: 'done',
    rows: 13,
    invalidRows: 4,
    people: 6, // p0–p3, p5 and the one not on the roster (p4's and p6's rows are all invalid)
    unmatched: 1,
    counts: { matched: 5, certified: 2, alreadyCertified: 0, notEnough: 2, stopRecords: 0, stopped: 0, conflicts: 1 },
  });
  expect(job.calls).toBeGreaterThan(1);
  expect(job.sampleProblems.map((s: any) => `${s.row}:${s.problem}`)).toEqual([
    '9:日期在今天之后，请核对',
    '12:身份证号最后一位校验不对，请核对',
    expect.stringMatching(/^13:数据来源"某个不认识的来源"不在认可的来源里/),
    '14:日期不对，请写成 2026-03-07 这样',
  ]);

  expect(await retiree(p[0])).toMatchObject({ lastCertifiedAt: '2026-11-01', lastMethod: 'data' });
  expect(await retiree(p[2])).toMatchObject({ lastCertifiedAt: '2026-11-03', lastMethod: 'data' });
  expect(await certificationsOf(p[2])).toEqual([expect.objectContaining({ day: '2026-11-03', source: '社保卡消费、公交出行' })]);
  for (const i of [1, 3, 4, 5]) expect((await retiree(p[i])).lastCertifiedAt).toBe('2025-10-01');
  expect(await certificationsOf(p[0])).toEqual([
    expect.objectContaining({
      key: expect.stringMatching(/^data:.+:2026-11-01$/),
      method: 'data',
      via: 'data',
      sources: ['医保结算'],
      jobId: job.id,
    }),
  ]);

  // The report: every problem, with IDs masked, never whole.
  const bytes = Buffer.from(await (await fetch(job.reportUrl)).arrayBuffer());
  expect(bytes.subarray(0, 3).toString('hex')).toBe('efbbbf');
  const report = bytes.subarray(3).toString('utf8');
  expect(report.startsWith('类别,行号,身份证号,姓名,数据来源,日期,说明')).toBe(true);
  expect(report).toContain('未匹配,11,');
  expect(report).toContain(`冲突,10,${p[5].idNumber.slice(0, 4)}**********${p[5].idNumber.slice(-4)}`);
  expect(report).toContain('与花名册的');
  expect(report.trim().split('\r\n')).toHaveLength(1 + 4 + 1 + 1);
  for (const r of [...p, notOnRoster[0]]) expect(report).not.toContain(r.idNumber);

  // A second file: p1's other weak source arrives; with the ride kept from file A, two different weak sources certify.
  const fileB = await matchFile('比对文件B.csv', csvOf([[p[1], '社保卡消费', '2026-11-04']]));
  expect(fileB.counts).toMatchObject({ matched: 1, certified: 1 });
  expect(await retiree(p[1])).toMatchObject({ lastCertifiedAt: '2026-11-02', lastMethod: 'data' });
  expect(await certificationsOf(p[1])).toEqual([expect.objectContaining({ day: '2026-11-02', source: '社保卡消费、公交出行' })]);

  // The same file again changes nothing: no new certification, no new evidence.
  const before = { certifications: await countOf('certifications'), evidence: await countOf('evidence') };
  const again = await matchFile('比对文件A.csv', csvOf(fileA));
  // p1 too now: file B certified them on the day file A's ride shows.
  expect(again.counts).toMatchObject({ matched: 5, certified: 0, alreadyCertified: 3, notEnough: 1, conflicts: 1 });
  expect({ certifications: await countOf('certifications'), evidence: await countOf('evidence') }).toEqual(before);
}, 60_000);

test('a death or cancellation record never certifies, and puts the person on the verification list until staff settle it', async () => {
  const [dead, cancelled, mistaken] = [person(10), person(11), person(12)];
  const first = await matchFile(
    '民政数据.csv',
    csvOf([
      [dead, '民政死亡', '2026-11-10'],
      [dead, '医保结算', '2026-11-12'], // a strong record in the same file
      [cancelled, '公安注销', '2026-11-08'],
      [mistaken, '殡葬火化', '2026-11-09'],
    ]),
  );
  expect(first.counts).toMatchObject({ matched: 3, certified: 0, stopRecords: 2, conflicts: 1 });
  for (const r of [dead, cancelled, mistaken]) expect((await retiree(r)).lastCertifiedAt).toBe('2025-10-01');
  expect(await retiree(cancelled)).toMatchObject({ autoCertStop: { kind: 'cancellation', source: '公安注销', status: 'open' } });

  const list = await comparison({ action: 'verification.list', page: 1 });
  expect(list.ok).toBe(true);
  const onList = (id: string) => list.data.items.find((e: any) => e.retireeId === id);
  const ids = { dead: (await retiree(dead))._id, cancelled: (await retiree(cancelled))._id, mistaken: (await retiree(mistaken))._id };
  expect(onList(ids.dead)).toMatchObject({
    kind: 'death',
    source: '民政死亡',
    date: '2026-11-10',
    status: 'open',
    idMasked: expect.stringContaining('*'),
  });
  expect(onList(ids.cancelled)).toBeTruthy();
  expect(onList(ids.mistaken)).toBeTruthy();

  // A later file with strong records: not used for anyone still stopped.
  const later = csvOf([
    [dead, '医保结算', '2026-11-15'],
    [cancelled, '住院记录', '2026-11-15'],
    [mistaken, '医保结算', '2026-11-15'],
  ]);
  expect((await matchFile('医保数据.csv', later)).counts).toMatchObject({ matched: 3, certified: 0, stopped: 3 });

  // Staff settle: the cremation record was wrong (alive); the cancellation is confirmed.
  const bad = await comparison({
    action: 'verification.settle',
    retireeId: ids.mistaken,
    outcome: 'alive',
    note: '短',
    requestId: requestId(),
  });
  expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  const rid = requestId();
  const alive = await comparison({
    action: 'verification.settle',
    retireeId: ids.mistaken,
    outcome: 'alive',
    note: '上门见到本人，身体健康',
    requestId: rid,
  });
  expect(alive).toMatchObject({ ok: true, data: { status: 'alive' } });
  const retried = await comparison({
    action: 'verification.settle',
    retireeId: ids.mistaken,
    outcome: 'alive',
    note: '上门见到本人，身体健康',
    requestId: rid,
  });
  expect(retried).toMatchObject({ ok: true, data: { status: 'alive' } });
  const twice = await comparison({
    action: 'verification.settle',
    retireeId: ids.mistaken,
    outcome: 'confirmed',
    note: '再次核实',
    requestId: requestId(),
  });
  expect(twice).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  await comparison({
    action: 'verification.settle',
    retireeId: ids.cancelled,
    outcome: 'confirmed',
    note: '派出所出具注销证明',
    requestId: requestId(),
  });
  const audits = (await db.collection('audit_log').where({ subjectId: ids.mistaken }).get()).data;
  expect(audits.filter((a: any) => a.action === 'comparison.verify.alive')).toHaveLength(1);

  const after = await comparison({ action: 'verification.list', page: 1 });
  expect(after.data.items.map((e: any) => e.retireeId)).not.toContain(ids.mistaken);
  expect(after.data.items.map((e: any) => e.retireeId)).not.toContain(ids.cancelled);

  // The same evidence again: the person found alive certifies; the confirmed one and the open one do not.
  const resumed = await matchFile('医保数据.csv', later);
  expect(resumed.counts).toMatchObject({ matched: 3, certified: 1, stopped: 2 });
  expect(await retiree(mistaken)).toMatchObject({ lastCertifiedAt: '2026-11-15', lastMethod: 'data' });
  expect((await retiree(cancelled)).lastCertifiedAt).toBe('2025-10-01');
  // The record staff judged wrong, sent again, does not stop them a second time.
  const resent = await matchFile('民政数据-重发.csv', csvOf([[mistaken, '殡葬火化', '2026-11-09']]));
  expect(resent.counts).toMatchObject({ stopRecords: 1 });
  expect(await retiree(mistaken)).toMatchObject({ autoCertStop: { status: 'alive' } });
}, 60_000);

test('GBK files and Chinese header variants read the same', async () => {
  const r = person(20);
  const text = `证件号码,姓名,来源,日期\r\n${r.idNumber},${r.name},医保结算,2026/11/2\r\n`;
  const job = await matchFile('gbk.csv', iconv.encode(text, 'gbk'));
  expect(job.counts).toMatchObject({ matched: 1, certified: 1 });
  expect((await retiree(r)).lastCertifiedAt).toBe('2026-11-02');
});

test('street staff match only their streets, and see only their streets of a district-wide job', async () => {
  const streetToken = await cloud.tokenFor('staff-street'); // 新阳街道
  const mine = people.slice(30, 400).find((r) => r.street === '新阳街道') as RosterRow;
  const other = people.slice(30, 400).find((r) => r.street !== '新阳街道') as RosterRow;
  const file = csvOf([
    [mine, '医保结算', '2026-11-03'],
    [other, '医保结算', '2026-11-03'],
  ]);
  const job = await matchFile('街道比对.csv', file, streetToken);
  expect(job).toMatchObject({ whole: true, streets: ['新阳街道'], unmatched: 1, counts: { matched: 1, certified: 1 } });
  expect((await retiree(other)).lastCertifiedAt).toBe('2025-10-01');
  expect(job.reportUrl).toBeTruthy();

  // The district's run of the same file: street staff see their street's counts only, not the rest.
  const district = await matchFile('全区比对.csv', file);
  expect(district.counts).toMatchObject({ matched: 2, certified: 1, alreadyCertified: 1 });
  const seen = await comparison({ action: 'match.get', jobId: district.id }, streetToken);
  expect(seen.data).toMatchObject({
    whole: false,
    rows: null,
    unmatched: 0,
    reportUrl: null,
    counts: { matched: 1, alreadyCertified: 1, certified: 0 },
  });
  const listed = await comparison({ action: 'match.list' }, streetToken);
  expect(listed.data.map((j: any) => j.id)).toEqual(expect.arrayContaining([job.id, district.id]));

  // A street job is not there for staff of other streets; nor is a stop outside their streets on their list.
  await matchFile('死亡数据.csv', csvOf([[other, '民政死亡', '2026-11-03']]));
  const list = await comparison({ action: 'verification.list', page: 1 }, streetToken);
  expect(list.data.items.every((e: any) => e.street === '新阳街道')).toBe(true);
  const otherId = (await retiree(other))._id;
  const settle = await comparison(
    { action: 'verification.settle', retireeId: otherId, outcome: 'alive', note: '电话联系到本人', requestId: requestId() },
    streetToken,
  );
  expect(settle).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
}, 60_000);

test('a file that is not an evidence file fails with a reason', async () => {
  const cases: Array<[string, string, string]> = [
    ['empty.csv', '', '文件是空的'],
    ['no-columns.csv', '名字,电话\r\n张三,138\r\n', '缺少这些列'],
    ['header-only.csv', HEADER, '只有表头'],
  ];
  for (const [name, content, reason] of cases) {
    const job = await matchFile(name, content);
    expect({ name, phase: job.phase }).toEqual({ name, phase: 'failed' });
    expect(job.failure).toContain(reason);
  }
  const pdf = await comparison({ action: 'match.start', fileId: 'cloud://x/y.pdf', fileName: 'y.pdf', requestId: requestId() });
  expect(pdf).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: '只能比对 .xlsx 或 .csv 文件' } });
});

test('kill -9 in the middle of a job: after restart it finishes with the same totals as an undisturbed run, and no record twice', async () => {
  // Two files of the same shape over different people: one run undisturbed, one killed mid-way.
  const shape = (from: number): Row[] =>
    people.slice(from, from + 1200).flatMap((r, i): Row[] => {
      if (i % 10 === 0) return [[r, '公交出行', '2026-11-02']]; // not enough
      if (i % 10 === 1) return [[r, '民政死亡', '2026-11-02']];
      if (i % 10 === 2) return [[r, '医保结算', '2026-11-02', '别的名字']];
      return [
        [r, '医保结算', '2026-11-01'],
        [r, '公交出行', '2026-11-03'],
      ];
    });
  const undisturbed = await matchFile('对照.csv', csvOf([...shape(1000), [notOnRoster[1].idNumber, '医保结算', '2026-11-01']]));
  const expected = { certified: 840, notEnough: 120, stopRecords: 120, conflicts: 120, matched: 1200 };
  expect(undisturbed).toMatchObject({ phase: 'done', people: 1201, unmatched: 1, counts: expected });

  const certificationsBefore = await countOf('certifications');
  const fileId = await upload('big.csv', csvOf([...shape(2200), [notOnRoster[2].idNumber, '医保结算', '2026-11-01']]));
  const started = await comparison({ action: 'match.start', fileId, fileName: 'big.csv', requestId: requestId() });
  let job = started.data;
  while (job.processed === 0) job = (await comparison({ action: 'match.run', jobId: job.id })).data;
  const inFlight = comparison({ action: 'match.run', jobId: job.id }).catch(() => null);
  await new Promise((r) => setTimeout(r, 60));
  await cloud.kill9();
  await inFlight;
  await cloud.restart();
  // Matching had begun, so the read and the merge were done: 2,041 rows were read in three slices
  // of at most 700, each leaving its people in 16 buckets by hash; the buckets were merged one by
  // one, and in order they hold every person once, sorted.
  const stored = (await db.collection('match_jobs').doc(job.id).get()).data[0];
  expect(stored).toMatchObject({ phase: 'match', rows: 2041, readRows: 2041, mergeBucket: 16 });
  expect(stored.readParts.map((slice: string[]) => slice.length)).toEqual([16, 16, 16]);
  expect(stored.peopleEnds).toHaveLength(16);
  expect(stored.peopleEnds.at(-1)).toBe(1201);
  const hashes: string[] = [];
  for (const fileId of stored.peopleParts.filter(Boolean)) {
    const { fileContent } = (await app.downloadFile({ fileID: fileId })) as { fileContent: Buffer };
    hashes.push(...JSON.parse(fileContent.toString('utf8')).map((p: { h: string }) => p.h));
  }
  expect(hashes).toHaveLength(1201);
  expect(new Set(hashes).size).toBe(1201);
  expect([...hashes].sort()).toEqual(hashes);

  for (let i = 0; i < 500 && job.phase !== 'done'; i++) {
    const res = await comparison({ action: 'match.run', jobId: job.id });
    expect(res.ok).toBe(true);
    job = res.data;
    if (job.phase !== 'done') await new Promise((r) => setTimeout(r, 100));
  }
  expect(job).toMatchObject({ phase: 'done', people: 1201, unmatched: 1, counts: expected });
  expect((await countOf('certifications')) - certificationsBefore).toBe(840);
  const keys = (await db.collection('certifications').where({ jobId: job.id }).limit(1000).get()).data.map((c: any) => c.key);
  expect(new Set(keys).size).toBe(keys.length);
  const report = Buffer.from(await (await fetch(job.reportUrl)).arrayBuffer()).toString('utf8');
  expect(report.trim().split('\r\n')).toHaveLength(1 + 1 + 120 + 120);
  // Ended: the uploaded file (whole ID numbers) and every working part are out of storage; the masked report stays.
  const ended = (await db.collection('match_jobs').doc(job.id).get()).data[0];
  expect(ended.filesRemovedAt).toBeTruthy();
  const work = [fileId, ...ended.readParts.flat(), ...ended.peopleParts, ...ended.reportParts].filter(Boolean);
  expect(work.length).toBeGreaterThan(40);
  const left = [];
  for (const f of work) if (await storedFile(f)) left.push(f);
  expect(left).toEqual([]);
  expect(await storedFile(ended.reportFileId)).toBe(true);
  await new Promise((r) => setTimeout(r, 3200));
}, 120_000);
