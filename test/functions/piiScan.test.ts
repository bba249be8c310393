import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import tcb from '@cloudbase/node-sdk';
import ExcelJS from 'exceljs';
import { PRIVACY_VERSION } from '../../contract/accounts';
import { isValidIdNumber } from '../../contract/idCard';
import { ROSTER_COLUMNS } from '../../contract/roster';
import { localSdkEnv } from '../../emulator/sdkEnv';
import { csvLine, rosterCsvLine } from '../../emulator/seed/csv';
import { DEFAULT_TODAY, generateDemoData, generateRoster } from '../../emulator/seed/generate';
import { type LocalCloud, startLocalCloud } from '../support/localCloud';

/**
 * Personal data at rest and in what leaves the system. The work that handles whole ID and
 * phone numbers is done through the real functions — a roster import, binding by SMS, a
 * family request, a refused bind, staff looking people up and revealing a number, a data
 * comparison, the daily run, every masked export a staff member can make — and then every
 * database file, the emulator's log and every masked export are searched for every whole
 * number the run handled. Zero is the only answer. The admin's whole export is searched
 * too, as the control: the scan finds numbers where they are meant to be.
 *
 * Cloud storage is scanned too: the roster and the evidence file staff uploaded (whole by
 * nature) must be gone once their jobs have ended, and every file left holds no whole number
 * but the admin's whole export. Not scanned, on purpose: the SMS sandbox's outbox (it stands
 * in for the SMS provider, which is given the phone number to deliver the text). See
 * RELIABILITY.md.
 */
const APP_NOW = `${DEFAULT_TODAY}T09:30:00+08:00`;
const demo = generateDemoData({ scale: 'demo' });
const imported = [...generateRoster(demo.roster.length + 12)].slice(demo.roster.length);
const evidenceCsv = fs.readFileSync(path.resolve(__dirname, '../../emulator/seed/demo-evidence.csv'), 'utf8');

let cloud: LocalCloud;
let app: ReturnType<typeof tcb.init>;
let logFile: string;
const masked: Array<{ name: string; body: Buffer }> = [];
const whole: Array<{ name: string; body: Buffer }> = [];
let wholePath = '';
let seq = 0;
const rid = () => `pii-${Date.now().toString(36)}-${seq++}`;

/** Every whole number this run handled: the demo roster, the imported rows, the evidence file. */
function handledNumbers(): { ids: Set<string>; phones: Set<string> } {
  const ids = new Set<string>();
  const phones = new Set<string>();
  for (const r of [...demo.roster, ...imported]) {
    ids.add(r.idNumber);
    if (r.phone) phones.add(r.phone);
  }
  for (const m of evidenceCsv.matchAll(/^(\d{17}[\dX])/gm)) ids.add(m[1]);
  return { ids, phones };
}

/**
 * Where any of `numbers` appears in `text` (an ID in either case of its X), and any other
 * whole number at all: a checksum-valid ID number or an 11-digit mobile number standing alone.
 */
function findIn(text: string, numbers: Set<string>): string[] {
  const found: string[] = [];
  const upper = text.toUpperCase();
  for (const n of numbers) if (upper.includes(n.toUpperCase())) found.push(n);
  for (const m of upper.matchAll(/(?<![0-9A-Z])\d{17}[\dX](?![0-9A-Z])/g))
    if (isValidIdNumber(m[0]) && !numbers.has(m[0])) found.push(`any ID ${m[0]}`);
  for (const m of upper.matchAll(/(?<![0-9A-Z])1[3-9]\d{9}(?![0-9A-Z])/g)) if (!numbers.has(m[0])) found.push(`any phone ${m[0]}`);
  return found;
}

async function sheetText(body: Buffer, name: string): Promise<string> {
  if (!name.endsWith('.xlsx')) return body.toString('utf8');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as any);
  const cells: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => cells.push((row.values as unknown[]).map((v) => String(v ?? '')).join('\t'))));
  return cells.join('\n');
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    return d.isDirectory() ? filesUnder(p) : [p];
  });
}

beforeAll(async () => {
  logFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wx-pii-')), 'emulator.log');
  process.env.EMULATOR_STDERR = logFile;
  cloud = await startLocalCloud({ functionEnv: { APP_NOW, IMPORT_STEP_MS: '150' } });
  Object.assign(process.env, localSdkEnv(cloud.adminUrl));
  app = tcb.init({ env: 'local-dev', serviceUrl: cloud.adminUrl, secretId: 'l', secretKey: 'l' } as any);
  const admin = await cloud.tokenFor('admin');
  const staff = await cloud.tokenFor('staff');
  const ok = async (fn: string, data: Record<string, unknown>, token?: string) => {
    const res = await cloud.callFunction(fn, data, token);
    if (!res.ok) throw new Error(`${fn}.${String(data.action)}: ${res.error.code} ${res.error.message}`);
    return res.data;
  };
  // Into the folders the console uploads to.
  const upload = async (folder: string, name: string, content: string) =>
    ((await app.uploadFile({ cloudPath: `${folder}/${seq++}-${name}`, fileContent: Buffer.from(content) } as any)) as { fileID: string })
      .fileID;

  // 1. A roster import with new people (whole numbers in, as staff upload them).
  const rosterCsv = `\ufeff${csvLine([...ROSTER_COLUMNS])}${imported.map(rosterCsvLine).join('')}`;
  let job = await ok(
    'roster',
    { action: 'import.start', fileID: await upload('roster-uploads', '花名册.csv', rosterCsv), fileName: '花名册.csv', requestId: rid() },
    admin,
  );
  for (let i = 0; i < 100 && job.phase !== 'done' && job.phase !== 'failed'; i++)
    job = await ok('roster', { action: 'import.run', jobId: job.id }, admin);
  expect(job.phase).toBe('done');

  // 2. A new WeChat user binds to an imported person by ID number and SMS code.
  const person = imported.find((r) => r.phone)!;
  const { token: retiree } = await cloud.newUser('wx');
  await ok('account', { action: 'privacy.accept', version: PRIVACY_VERSION }, retiree);
  const start = await ok('account', { action: 'bind.start', name: person.name, idNumber: person.idNumber, requestId: rid() }, retiree);
  const sms = (await (await fetch(`${cloud.url}/sandbox/sms/outbox?phone=${person.phone}`)).json()) as {
    messages: Array<{ text: string }>;
  };
  const code = /(\d{6})/.exec(sms.messages[0]?.text ?? '')?.[1];
  expect(await ok('account', { action: 'bind.confirm', attemptId: start.attemptId, code }, retiree)).toMatchObject({ role: 'retiree' });

  // 3. A bind with the wrong name for a real ID (the answer does not say which part is wrong) and a family request by ID number.
  const { token: guest } = await cloud.newUser('wx');
  await ok('account', { action: 'privacy.accept', version: PRIVACY_VERSION }, guest);
  await cloud.callFunction(
    'account',
    { action: 'bind.start', name: '不对的名字', idNumber: imported[1].idNumber, requestId: rid() },
    guest,
  );
  await ok(
    'account',
    {
      action: 'family.request',
      elderName: imported[2].name,
      idNumber: imported[2].idNumber,
      relation: '女儿',
      helperName: '李女士',
      requestId: rid(),
    },
    guest,
  );

  // 4. Staff look people up by the last digits and reveal a whole number (shown to them, audited).
  const me = await ok('account', { action: 'me.get' }, retiree);
  await ok('certification', { action: 'staff.find', q: person.phone.slice(-4) }, admin);
  await ok('certification', { action: 'staff.find', q: person.idNumber.slice(-4) }, admin);
  const revealed = await ok('account', { action: 'roster.reveal', id: me.retiree.id, field: 'idNumber', purpose: 'contact' }, admin);
  expect(JSON.stringify(revealed)).toContain(person.idNumber);

  // 5. A data comparison of the demo evidence file (matched and unmatched ID numbers), then the daily run.
  let match = await ok(
    'comparison',
    { action: 'match.start', fileId: await upload('comparison-uploads', '比对.csv', evidenceCsv), fileName: '比对.csv', requestId: rid() },
    staff,
  );
  for (let i = 0; i < 100 && match.phase !== 'done' && match.phase !== 'failed'; i++)
    match = await ok('comparison', { action: 'match.run', jobId: match.id }, staff);
  expect(match.phase).toBe('done');
  expect((await ok('scheduler', { action: 'daily.run' }, admin)).status).toBe('done');

  // 6. The bound retiree signs up for an event; staff export its attendance.
  const week = await ok('events', { action: 'event.week' }, retiree);
  const occurrence = week.occurrences.find((o: any) => o.canRegister !== false) ?? week.occurrences[0];
  await cloud.callFunction(
    'events',
    { action: 'registration.create', occurrenceId: occurrence.id, retireeId: me.retiree.id, requestId: rid() },
    retiree,
  );

  // 7. Every export a staff member gets masked; the admin's whole export as the control.
  const download = async (url: string) => Buffer.from(await (await fetch(url)).arrayBuffer());
  for (const list of ['certified', 'suspended', 'restored']) {
    for (const format of ['csv', 'xlsx']) {
      const res = await ok('certification', { action: 'export.create', list, format, whole: false, requestId: rid() }, staff);
      masked.push({ name: res.fileName, body: await download(res.url) });
    }
  }
  for (const format of ['csv', 'xlsx']) {
    const res = await ok('events', { action: 'attendance.export', occurrenceId: occurrence.id, format, requestId: rid() }, staff);
    masked.push({ name: res.fileName, body: await download(res.url) });
  }
  const control = await ok(
    'certification',
    { action: 'export.create', list: 'certified', format: 'csv', whole: true, purpose: 'certification', requestId: rid() },
    admin,
  );
  whole.push({ name: control.fileName, body: await download(control.url) });
  wholePath = decodeURIComponent(new URL(control.url).pathname.replace(/^\/storage\/download\//, ''));
}, 180_000);

afterAll(async () => {
  await cloud?.stop();
  delete process.env.EMULATOR_STDERR;
});

test('the database files hold no whole ID or phone number', () => {
  const { ids, phones } = handledNumbers();
  const dbFiles = filesUnder(cloud.dataDir).filter((f) => f.endsWith('.jsonl') && !/outbox/.test(path.basename(f)));
  expect(dbFiles.length).toBeGreaterThan(0);
  let bytes = 0;
  const found: string[] = [];
  for (const f of dbFiles) {
    const text = fs.readFileSync(f, 'utf8');
    bytes += text.length;
    for (const n of [...findIn(text, ids), ...findIn(text, phones)]) found.push(`${path.relative(cloud.dataDir, f)}: ${n}`);
  }
  expect(found).toEqual([]);
  // The run wrote what it was meant to: the people, their encrypted numbers, the audit of the reveal.
  expect(bytes).toBeGreaterThan(50_000);
  console.info(`pii scan: ${dbFiles.length} database files, ${bytes} characters, ${ids.size} ID and ${phones.size} phone numbers searched`);
});

test('the emulator and function log holds no whole ID or phone number', () => {
  const { ids, phones } = handledNumbers();
  const log = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '';
  expect([...findIn(log, ids), ...findIn(log, phones)]).toEqual([]);
});

test('every masked export holds no whole ID or phone number, and the whole export (the control) does', async () => {
  const { ids, phones } = handledNumbers();
  expect(masked).toHaveLength(8);
  for (const f of masked) {
    const text = await sheetText(f.body, f.name);
    expect(text.length).toBeGreaterThan(20);
    expect({ file: f.name, found: [...findIn(text, ids), ...findIn(text, phones)] }).toEqual({ file: f.name, found: [] });
  }
  const control = await sheetText(whole[0].body, whole[0].name);
  expect(findIn(control, ids).length).toBeGreaterThan(0);
});

test('cloud storage holds no whole ID or phone number: the uploaded roster and evidence are gone once their jobs end', async () => {
  const { ids, phones } = handledNumbers();
  const root = path.join(cloud.dataDir, 'storage');
  const files = fs
    .readdirSync(path.join(root, 'meta'))
    .map((f) => JSON.parse(fs.readFileSync(path.join(root, 'meta', f), 'utf8')) as { cloudPath: string; blob: string });
  expect(files.filter((f) => /^(roster|comparison)-uploads\//.test(f.cloudPath)).map((f) => f.cloudPath)).toEqual([]);
  expect(files.map((f) => f.cloudPath)).toContain(wholePath);
  const found: string[] = [];
  let scanned = 0;
  for (const f of files) {
    if (f.cloudPath === wholePath) continue; // the control, checked with the exports
    const text = await sheetText(fs.readFileSync(path.join(root, 'blobs', f.blob)), f.cloudPath);
    scanned++;
    for (const n of [...findIn(text, ids), ...findIn(text, phones)]) found.push(`${f.cloudPath}: ${n}`);
  }
  expect(found).toEqual([]);
  expect(scanned).toBeGreaterThanOrEqual(masked.length);
  console.info(`pii scan: ${scanned} files in cloud storage besides the whole export`);
});
