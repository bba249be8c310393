import tcb from '@cloudbase/node-sdk';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { ROSTER_COLUMNS } from '../../contract/roster';
import { localSdkEnv } from '../../emulator/sdkEnv';
import { csvLine, rosterCsvLine } from '../../emulator/seed/csv';
import { generateRoster, type RosterRow } from '../../emulator/seed/generate';
import { type LocalCloud, startLocalCloud } from '../support/localCloud';

/**
 * The roster import through cloud storage, the roster function and the emulator: a good
 * file, broken rows with a downloadable report, re-import, XLSX and GBK files, files that
 * are not rosters at all, who may import, and a crash in the middle.
 */
let cloud: LocalCloud;
let app: ReturnType<typeof tcb.init>;
let db: any;
let staff: string;
const TEMPLATE = csvLine([...ROSTER_COLUMNS]);
// Small slices, so every import here is worked in several calls, as a big one would be.
const FUNCTION_ENV = { IMPORT_STEP_MS: '150', IMPORT_LEASE_MS: '1500' };

beforeAll(async () => {
  cloud = await startLocalCloud({ functionEnv: FUNCTION_ENV });
  Object.assign(process.env, localSdkEnv(cloud.adminUrl));
  app = tcb.init({ env: 'local-dev', serviceUrl: cloud.adminUrl, secretId: 'l', secretKey: 'l' } as any);
  db = app.database();
  staff = await cloud.tokenFor('staff');
});

afterAll(async () => {
  await cloud?.stop();
});

let seq = 0;
const requestId = () => `import-${Date.now().toString(36)}-${seq++}`;
const roster = (data: Record<string, unknown>, token = staff) => cloud.callFunction('roster', data, token);
const rows = (from: number, to: number) => [...generateRoster(to)].slice(from, to);
const csvOf = (list: RosterRow[]) => `\ufeff${TEMPLATE}${list.map(rosterCsvLine).join('')}`;
const retireeCount = async () => (await db.collection('retirees').count()).total as number;

/** Into the folder the console uploads to (`roster-uploads/`), whose files a finished import deletes. */
async function upload(name: string, content: Buffer | string, folder = 'roster-uploads'): Promise<string> {
  const res = (await app.uploadFile({ cloudPath: `${folder}/${seq++}-${name}`, fileContent: Buffer.from(content) } as any)) as {
    fileID: string;
  };
  return res.fileID;
}
/** Whether a file is still in storage. */
const stored = async (fileID: string) =>
  ((await app.getTempFileURL({ fileList: [fileID] })) as any).fileList[0].code !== 'STORAGE_FILE_NONEXIST';

/** Start an import and call import.run until it ends, as the console page does. */
async function importFile(fileName: string, content: Buffer | string, token = staff, folder?: string) {
  const fileID = await upload(fileName, content, folder);
  const started = await roster({ action: 'import.start', fileID, fileName, requestId: requestId() }, token);
  if (!started.ok) return started;
  const seen: number[] = [];
  let job = started.data;
  for (let i = 0; i < 500 && job.phase !== 'done' && job.phase !== 'failed'; i++) {
    const res = await roster({ action: 'import.run', jobId: job.id }, token);
    expect(res.ok).toBe(true);
    job = res.data;
    seen.push(job.processed);
  }
  return { ok: true, data: job, seen, fileID };
}

test('a good file is imported in slices, and rows already on the roster are left as they are', async () => {
  const before = await retireeCount(); // the 60 demo rows: rows 0–59 of the same generator
  const list = rows(0, 1500);
  const { data: job, seen } = (await importFile('花名册.csv', csvOf(list))) as any;
  expect(job).toMatchObject({
    phase: 'done',
    total: 1500,
    valid: 1500,
    invalid: 0,
    processed: 1500,
    unchanged: before,
    inserted: 1500 - before,
    updated: 0,
  });
  expect(job.errorReportUrl).toBeNull();
  expect(seen.length).toBeGreaterThan(2); // worked in several calls
  expect([...seen].sort((a, b) => a - b)).toEqual(seen); // progress only goes forward
  expect(await retireeCount()).toBe(1500);

  // The same file again: nothing new, nothing changed.
  const again = (await importFile('花名册.csv', csvOf(list))) as any;
  expect(again.data).toMatchObject({ phase: 'done', inserted: 0, updated: 0, unchanged: 1500 });
  expect(await retireeCount()).toBe(1500);
});

test('broken rows are reported by row and column; the good rows are imported; a corrected file completes it', async () => {
  const good = rows(1500, 1510);
  const fixable = rows(1510, 1516);
  const broken = fixable.map((r) => ({ ...r }));
  broken[0].idNumber = `${broken[0].idNumber.slice(0, 17)}${broken[0].idNumber[17] === '0' ? '1' : '0'}`; // checksum
  broken[1].birthDate = '1950-01-01'; // disagrees with the ID
  broken[2].sex = broken[2].sex === 'M' ? 'F' : 'M';
  broken[3].street = '火星街道';
  broken[4].phone = '12345';
  broken[5].retirementDate = '2099-01-01';
  const duplicate = { ...good[0], name: '重复的人' };
  const before = await retireeCount();
  const { data: job } = (await importFile('有错误的花名册.csv', csvOf([...good, ...broken, duplicate]))) as any;
  expect(job).toMatchObject({ phase: 'done', total: 17, valid: 10, invalid: 7, inserted: 10 });
  expect(await retireeCount()).toBe(before + 10);
  const problems = job.sampleErrors.map((e: any) => `${e.row}:${e.column}:${e.problem}`);
  expect(problems).toEqual([
    '12:身份证号:身份证号最后一位校验不对，请核对',
    '13:出生日期:出生日期与身份证号不一致',
    '14:性别:性别与身份证号不一致',
    '15:街道:"火星街道"不是本区的街道（本区有：海沧街道、新阳街道、嵩屿街道、东孚街道）',
    '16:手机号:手机号应为11位数字，以1开头',
    '17:退休日期:退休日期还没到，请核对',
    '18:身份证号:与第2行的身份证号重复',
  ]);
  // The report staff download: the same rows, in Excel-friendly CSV, no whole ID numbers.
  const bytes = Buffer.from(await (await fetch(job.errorReportUrl)).arrayBuffer());
  expect(bytes.subarray(0, 3).toString('hex')).toBe('efbbbf'); // so Excel reads it as UTF-8
  const report = bytes.subarray(3).toString('utf8');
  expect(report.startsWith('行号,姓名,列,问题')).toBe(true);
  expect(report.trim().split('\r\n')).toHaveLength(8);
  expect(report).toContain('18,重复的人,身份证号,与第2行的身份证号重复');
  for (const r of [...good, ...broken]) expect(report).not.toContain(r.idNumber);

  // The corrected file: the fixed rows come in, the good ones are unchanged, no one twice.
  const changedPhone = { ...good[1], phone: '19900001111' };
  const { data: fixedJob } = (await importFile('改好的花名册.csv', csvOf([good[0], changedPhone, ...good.slice(2), ...fixable]))) as any;
  expect(fixedJob).toMatchObject({ phase: 'done', total: 16, invalid: 0, inserted: 6, updated: 1, unchanged: 9 });
  expect(await retireeCount()).toBe(before + 16);
});

test('an XLSX file with date cells and an ID column as text', async () => {
  const list = rows(1600, 1620);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('花名册');
  ws.addRow([...ROSTER_COLUMNS]);
  for (const r of list) {
    ws.addRow([
      r.name,
      r.idNumber,
      r.phone,
      r.sex === 'M' ? '男' : '女',
      new Date(`${r.birthDate}T00:00:00Z`),
      new Date(`${r.retirementDate}T00:00:00Z`),
      r.lastCertifiedAt ? new Date(`${r.lastCertifiedAt}T00:00:00Z`) : null,
      r.street,
      r.community,
      r.abroad ? '是' : '否',
      r.nonMainlandId ? '是' : '否',
    ]);
  }
  // One ID typed as a number: Excel has already lost its last digits.
  ws.addRow([
    '数字号',
    990205195001010000,
    '19900002222',
    '男',
    new Date('1950-01-01T00:00:00Z'),
    new Date('2010-01-01T00:00:00Z'),
    null,
    '海沧街道',
    '海虹社区',
    '否',
    '否',
  ]);
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  const { data: job } = (await importFile('花名册.xlsx', buf)) as any;
  expect(job).toMatchObject({ phase: 'done', total: 21, valid: 20, invalid: 1, inserted: 20 });
  expect(job.sampleErrors[0]).toMatchObject({ row: 22, column: '身份证号' });
  expect(job.sampleErrors[0].problem).toContain('文本');
  const { data } = await db.collection('retirees').where({ name: list[0].name, birthDate: list[0].birthDate }).get();
  expect(data[0]).toMatchObject({ retirementDate: list[0].retirementDate, street: list[0].street });
});

test('a CSV saved as GBK by Excel on a Chinese PC reads the same', async () => {
  const list = rows(1700, 1705);
  const gbk = iconv.encode(csvOf(list).slice(1), 'gbk');
  const { data: job } = (await importFile('gbk.csv', gbk)) as any;
  expect(job).toMatchObject({ phase: 'done', total: 5, inserted: 5 });
  const { data } = await db.collection('retirees').where({ name: list[4].name, birthDate: list[4].birthDate }).get();
  expect(data).toHaveLength(1);
});

test('a file that is not a roster fails with a reason, and writes nothing', async () => {
  const before = await retireeCount();
  const cases: Array<[string, string | Buffer, string]> = [
    ['empty.csv', '', '文件是空的'],
    ['no-columns.csv', '名字,电话\r\n张三,138\r\n', '缺少这些列'],
    ['header-only.csv', TEMPLATE, '只有表头'],
    ['fake.xlsx', 'this is not a zip', '不是有效的 .xlsx'],
    ['truncated.xlsx', Buffer.from('504b0304140000000800', 'hex'), '打不开'],
  ];
  for (const [name, content, reason] of cases) {
    const { data: job } = (await importFile(name, content)) as any;
    expect({ name, phase: job.phase }).toEqual({ name, phase: 'failed' });
    expect(job.failure).toContain(reason);
  }
  expect(await retireeCount()).toBe(before);
});

test('hostile cells: an overlong line fails the file with its line number and writes nothing; a long name is a row problem; a formula stays text', async () => {
  const [huge, longName, formula, fine] = rows(6000, 6004);
  const before = await retireeCount();
  // A 1 MB cell: the file is refused whole, naming the line, before anything is written.
  const { data: refused } = (await importFile('超长的花名册.csv', csvOf([fine, { ...huge, community: 'x'.repeat(1_000_000) }]))) as any;
  expect(refused.phase).toBe('failed');
  expect(refused.failure).toContain('文件第3行的格式不对');
  expect(await retireeCount()).toBe(before);

  const hostile = [{ ...longName, name: '张'.repeat(300) }, { ...formula, community: '=A1+1' }, fine];
  const { data: job } = (await importFile('恶意的花名册.csv', csvOf(hostile))) as any;
  expect(job).toMatchObject({ phase: 'done', total: 3, valid: 2, invalid: 1, inserted: 2 });
  expect(job.sampleErrors.map((e: any) => `${e.row}:${e.column}`)).toEqual(['2:姓名']);
  expect(job.sampleErrors[0].problem).toMatch(/[\u4e00-\u9fff]/);
  expect(await retireeCount()).toBe(before + 2);
  // The formula is stored as the text it was; exports neutralise it (tested with the exports).
  const stored = (await db.collection('retirees').where({ name: formula.name, birthDate: formula.birthDate }).get()).data;
  expect(stored.map((r: any) => r.community)).toEqual(['=A1+1']);
  // The error report names the row without repeating the whole cell back.
  const report = Buffer.from(await (await fetch(job.errorReportUrl)).arrayBuffer()).toString('utf8');
  expect(report.length).toBeLessThan(1_000);
});

test('the uploaded roster (whole ID numbers) leaves storage when its import ends; the error report stays', async () => {
  const list = rows(7000, 7040);
  list[3] = { ...list[3], idNumber: '123' };
  const done = (await importFile('删除.csv', csvOf(list))) as any;
  expect(done.data).toMatchObject({ phase: 'done', invalid: 1 });
  expect(await stored(done.fileID)).toBe(false);
  const doc = (await db.collection('import_jobs').doc(done.data.id).get()).data[0];
  expect(doc.filesRemovedAt).toBeTruthy();
  expect(await stored(doc.skipFileID)).toBe(false); // the job's own working file too
  expect(await stored(doc.errorReportFileID)).toBe(true); // names and problems only, for staff to download
  expect((await fetch(done.data.errorReportUrl)).status).toBe(200);
  // A failed import's file goes too.
  const failed = (await importFile('只有表头.csv', TEMPLATE)) as any;
  expect(failed.data.phase).toBe('failed');
  expect(await stored(failed.fileID)).toBe(false);
  // Asking about the ended job again changes nothing.
  expect((await roster({ action: 'import.run', jobId: done.data.id })).data).toMatchObject({ phase: 'done', invalid: 1 });
  // A file from anywhere else (say a notice's attachment passed as a roster) is read, never deleted.
  const elsewhere = (await importFile('别处.csv', csvOf(rows(7040, 7045)), staff, 'notice-attachments')) as any;
  expect(elsewhere.data.phase).toBe('done');
  expect(await stored(elsewhere.fileID)).toBe(true);
});

test('only district-wide staff import; bad input is refused in Chinese', async () => {
  const fileID = await upload('x.csv', csvOf(rows(1800, 1801)));
  const street = await roster(
    { action: 'import.start', fileID, fileName: 'x.csv', requestId: requestId() },
    await cloud.tokenFor('staff-street'),
  );
  expect(street).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  expect(street.error.message).toContain('区级');
  const retiree = await roster(
    { action: 'import.start', fileID, fileName: 'x.csv', requestId: requestId() },
    await cloud.tokenFor('retiree'),
  );
  expect(retiree).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  const pdf = await roster({ action: 'import.start', fileID, fileName: 'x.pdf', requestId: requestId() });
  expect(pdf).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: '只能导入 .xlsx 或 .csv 文件' } });
  // A retried start is the same job.
  const id = requestId();
  const a = await roster({ action: 'import.start', fileID, fileName: 'x.csv', requestId: id });
  const b = await roster({ action: 'import.start', fileID, fileName: 'x.csv', requestId: id });
  expect(b.data.id).toBe(a.data.id);
});

test('kill -9 in the middle of an import: after restart it finishes with the same totals and no one twice', async () => {
  const list = rows(2000, 5000);
  const fileID = await upload('big.csv', csvOf(list));
  const before = await retireeCount();
  const started = await roster({ action: 'import.start', fileID, fileName: 'big.csv', requestId: requestId() });
  // Run slices until some rows are written, then kill the emulator during the next slice.
  let job = started.data;
  while (job.processed === 0) job = (await roster({ action: 'import.run', jobId: job.id })).data;
  const inFlight = roster({ action: 'import.run', jobId: job.id }).catch(() => null);
  await new Promise((r) => setTimeout(r, 60));
  await cloud.kill9();
  await inFlight;
  await cloud.restart();
  // The dead caller's claim runs out (1.5 s here), then anyone can carry on.
  for (let i = 0; i < 500 && job.phase !== 'done'; i++) {
    const res = await roster({ action: 'import.run', jobId: job.id });
    expect(res.ok).toBe(true);
    job = res.data;
    if (job.phase !== 'done') await new Promise((r) => setTimeout(r, 100));
  }
  expect(job).toMatchObject({ phase: 'done', total: 3000, processed: 3000, inserted: 3000, updated: 0, unchanged: 0 });
  expect(await retireeCount()).toBe(before + 3000);
  expect(await stored(fileID)).toBe(false);
  // The SDK's slow-request timers from the killed connection fire ~3 s later; let them.
  await new Promise((r) => setTimeout(r, 3200));
}, 120_000);
