import tcb from '@cloudbase/node-sdk';
import ExcelJS from 'exceljs';
import { STREETS } from '../../contract/accounts';
import { certificationState, DEFAULT_RULES } from '../../contract/certification';
import { localSdkEnv } from '../../emulator/sdkEnv';
import { DEFAULT_TODAY, generateDemoData } from '../../emulator/seed/generate';
import { type LocalCloud, startLocalCloud } from '../support/localCloud';

/**
 * Statistics and exports through the certification function: masked lists for street staff
 * (their streets only), whole numbers for an admin with a purpose, every export audited,
 * formula cells neutralised (read back with exceljs), CSV that Excel reads (BOM); statistics
 * exact on a constructed district, including the source's 63.18% (23,087 of 36,541 due).
 */
const D = DEFAULT_TODAY;
const APP_NOW = `${D}T09:30:00+08:00`;
const demo = generateDemoData({ scale: 'demo' });
let seq = 0;
const rid = () => `report-${Date.now().toString(36)}-${seq++}`;
const dbOf = (cloud: LocalCloud) =>
  tcb.init({ env: 'local-dev', serviceUrl: cloud.adminUrl, secretId: 'l', secretKey: 'l' } as any).database() as any;

describe('statistics', () => {
  let cloud: LocalCloud;
  let db: any;
  /** 36,558 people: 17 whose death was confirmed, and of the 36,541 due, 23,087 certified by data comparison. */
  const people: any[] = [];
  const dayMinus = (n: number) => new Date(Date.parse(`${D}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
  const plan: Array<[number, string | null, (i: number) => string | null]> = [
    [23_087, 'data', (i) => dayMinus(i % 365)],
    [5_000, 'face', (i) => dayMinus((i * 7) % 365)],
    [1_000, 'family_face', (i) => dayMinus((i * 3) % 365)],
    [2_000, 'onsite', (i) => dayMinus((i * 5) % 365)],
    [500, 'home_visit', (i) => dayMinus((i * 11) % 365)],
    [2_000, null, (i) => dayMinus((i * 13) % 365)], // a date from the roster file, method unknown
    [2_500, 'face', (i) => dayMinus(366 + (i % 60))], // overdue → suspended by the scheduler
    [454, null, () => null], // never certified
  ];

  beforeAll(async () => {
    cloud = await startLocalCloud({ functionEnv: { APP_NOW } });
    Object.assign(process.env, localSdkEnv(cloud.adminUrl));
    db = dbOf(cloud);
    const _ = db.command;
    await db
      .collection('retirees')
      .where({ _id: _.exists(true) })
      .remove();
    let n = 0;
    const add = (method: string | null, last: string | null, extra: Record<string, unknown> = {}) => {
      const street = STREETS[n % STREETS.length];
      const overdue = last !== null && certificationState({ lastCertifiedAt: last }, DEFAULT_RULES, D) === 'overdue';
      const rec = { lastCertifiedAt: last, suspendedAt: overdue ? D : null };
      people.push({
        name: '统计',
        idHash: `stat-${n}`,
        idMasked: '9900**********0000',
        street,
        community: '测试社区',
        lastCertifiedAt: last,
        lastMethod: method,
        suspendedAt: rec.suspendedAt,
        restoredAt: null,
        // As the scheduler leaves it: the overdue are suspended.
        certState: certificationState(rec, DEFAULT_RULES, D),
        ...extra,
      });
      n++;
    };
    for (const [count, method, lastOf] of plan) for (let i = 0; i < count; i++) add(method, lastOf(i));
    for (let i = 0; i < 17; i++) {
      add('data', dayMinus(400), {
        autoCertStop: { kind: 'death', source: '民政', date: dayMinus(380), jobId: null, status: 'confirmed' },
      });
    }
    // Batches with their own ids: a batch retried after a dropped connection is either all there or added now.
    for (let i = 0; i < people.length; i += 1000) {
      const batch = people.slice(i, i + 1000).map((p, j) => ({ _id: `stat-${i + j}`, ...p }));
      for (let attempt = 0; ; attempt++) {
        try {
          await db.collection('retirees').add(batch);
          break;
        } catch (e) {
          if (/E11000|DUPLICATE/i.test(String((e as Error).message ?? e))) break;
          if (attempt >= 3) throw e;
        }
      }
    }
  }, 180_000);

  afterAll(async () => {
    await cloud?.stop();
  });

  const expectedRow = (list: any[]) => {
    const inCycle = list.filter((p) => p.lastCertifiedAt && p.lastCertifiedAt >= '2025-11-23');
    const byMethod = (m: string | null) => inCycle.filter((p) => p.lastMethod === m).length;
    const due = list.filter((p) => p.autoCertStop?.status !== 'confirmed').length;
    const state = (s: string) => list.filter((p) => p.certState === s).length;
    return {
      due,
      certified: inCycle.length,
      byMethod: {
        data: byMethod('data'),
        face: byMethod('face'),
        family_face: byMethod('family_face'),
        onsite: byMethod('onsite'),
        home_visit: byMethod('home_visit'),
        imported: byMethod(null),
      },
      dataSharePercent: Math.round((byMethod('data') / due) * 10_000) / 100,
      dueSoon: state('due_soon'),
      overdue: state('overdue'),
      suspended: state('suspended'),
      restored: state('restored'),
      never: state('never'),
    };
  };

  test('the district: 23,087 of 36,541 due certified by data comparison reads 63.18%', async () => {
    const res = await cloud.callFunction('certification', { action: 'stats.get' }, await cloud.tokenFor('admin'));
    expect(res.ok).toBe(true);
    expect(res.data.today).toBe(D);
    expect(res.data.cycle).toMatchObject({ from: '2025-11-23', to: D });
    expect(res.data.totals).toMatchObject({ due: 36_541, dataSharePercent: 63.18, never: 454, suspended: 2_517 });
    expect(res.data.totals.byMethod.data).toBe(23_087);
    expect(res.data.totals).toEqual(expectedRow(people));
    expect(res.data.totals.dueSoon).toBeGreaterThan(0);
    expect(res.data.byStreet.map((r: any) => r.street)).toEqual([...STREETS]);
    for (const row of res.data.byStreet) {
      const { street, ...numbers } = row;
      expect(numbers).toEqual(expectedRow(people.filter((p) => p.street === street)));
    }
  });

  test('street staff see their street only; another street is not found', async () => {
    const token = await cloud.tokenFor('staff-street');
    const res = await cloud.callFunction('certification', { action: 'stats.get' }, token);
    expect(res.data.byStreet.map((r: any) => r.street)).toEqual(['新阳街道']);
    expect(res.data.totals).toEqual(expectedRow(people.filter((p) => p.street === '新阳街道')));
    expect((await cloud.callFunction('certification', { action: 'stats.get', street: '海沧街道' }, token)).error.code).toBe('NOT_FOUND');
    const people2 = await cloud.callFunction('certification', { action: 'stats.get' }, await cloud.tokenFor('retiree'));
    expect(people2.error.code).toBe('FORBIDDEN');
  });
});

describe('exports', () => {
  let cloud: LocalCloud;
  let db: any;
  const call = async (who: string, data: Record<string, unknown>) =>
    cloud.callFunction('certification', { action: 'export.create', requestId: rid(), ...data }, await cloud.tokenFor(who));
  const download = async (url: string) => Buffer.from(await (await fetch(url)).arrayBuffer());
  const sheetRows = async (buf: Buffer) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as any);
    const rows: string[][] = [];
    wb.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    return rows;
  };

  beforeAll(async () => {
    cloud = await startLocalCloud({ functionEnv: { APP_NOW } });
    Object.assign(process.env, localSdkEnv(cloud.adminUrl));
    db = dbOf(cloud);
    // Someone put formulas into fields that reach the export (a community name, an evidence source).
    const { data } = await db.collection('retirees').where({ street: '新阳街道' }).orderBy('_id', 'asc').limit(1).get();
    await db.collection('retirees').doc(data[0]._id).update({
      community: '=HYPERLINK("http://evil.example","点我")',
      lastCertifiedAt: '2026-10-01',
      lastMethod: 'data',
    });
    // The source of the last certification is on its record.
    await db.collection('certifications').add({
      key: `data:${data[0]._id}:2026-10-01`,
      retireeId: data[0]._id,
      street: data[0].street,
      community: data[0].community,
      method: 'data',
      day: '2026-10-01',
      source: '@SUM(A1:A9)',
      sources: ['@SUM(A1:A9)'],
      via: 'data',
      operatorUserId: null,
      at: new Date(),
    });
    const run = await cloud.callFunction('scheduler', { action: 'daily.run' }, await cloud.tokenFor('admin'));
    expect(run.data.status).toBe('done');
  }, 120_000);

  afterAll(async () => {
    await cloud?.stop();
  });

  test('street staff get a masked list of their streets only, and it is audited', async () => {
    const res = await call('staff-street', { list: 'suspended', format: 'xlsx', whole: false });
    expect(res.ok).toBe(true);
    const expected = (await db.collection('retirees').where({ certState: 'suspended', street: '新阳街道' }).count()).total;
    expect(expected).toBeGreaterThan(0);
    expect(res.data).toMatchObject({ list: 'suspended', format: 'xlsx', whole: false, rows: expected });
    expect(res.data.fileName).toBe(`暂停发放名单-${D}.xlsx`);
    const rows = await sheetRows(await download(res.data.url));
    expect(rows[0]).toEqual(['姓名', '身份证号', '手机号', '街道', '社区', '上次认证日期', '暂停发放日期']);
    expect(rows).toHaveLength(expected + 1);
    for (const r of rows.slice(1)) {
      expect(r[3]).toBe('新阳街道');
      expect(r[1]).toMatch(/^\d{4}\*{10}[\dX]{4}$/);
      expect(r[2]).toMatch(/^$|^\d{3}\*{4}\d{4}$/);
    }
    const { data: entries } = await db.collection('audit_log').where({ action: 'export.masked', subjectId: res.data.exportId }).get();
    expect(entries).toEqual([
      expect.objectContaining({ actorRole: 'staff', detail: expect.objectContaining({ list: 'suspended', whole: false, rows: expected }) }),
    ]);
    // Another street is not theirs.
    expect((await call('staff-street', { list: 'suspended', format: 'csv', whole: false, street: '海沧街道' })).error.code).toBe(
      'NOT_FOUND',
    );
  });

  test('whole numbers: refused to staff, need a purpose, given to an admin and audited per person', async () => {
    expect((await call('staff', { list: 'certified', format: 'csv', whole: true, purpose: 'contact' })).error).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect((await call('admin', { list: 'certified', format: 'csv', whole: true })).error).toEqual({
      code: 'INVALID_INPUT',
      message: '导出完整号码，请选择导出原因',
    });
    const res = await call('admin', { list: 'certified', format: 'csv', whole: true, purpose: 'certification' });
    expect(res.ok).toBe(true);
    const text = (await download(res.data.url)).toString('utf8');
    expect(text.startsWith('\ufeff姓名,身份证号,手机号,街道,社区,认证日期,认证方式,来源\r\n')).toBe(true);
    const lines = text.slice(1).trim().split('\r\n').slice(1);
    expect(lines).toHaveLength(res.data.rows);
    const wholeIds = new Set(demo.roster.map((r) => r.idNumber));
    for (const l of lines) expect(wholeIds.has(l.split(',')[1])).toBe(true);
    const { total: perPerson } = await db
      .collection('audit_log')
      .where({ action: 'pii.export.whole', 'target.id': res.data.exportId })
      .count();
    expect(perPerson).toBe(res.data.rows);
    const { data } = await db.collection('audit_log').where({ action: 'export.whole', subjectId: res.data.exportId }).get();
    expect(data[0]).toMatchObject({
      actorRole: 'admin',
      detail: { list: 'certified', whole: true, purpose: 'certification', rows: res.data.rows },
    });
  });

  test('cells that start like a formula are text in XLSX and CSV', async () => {
    const xlsx = await call('staff-street', { list: 'certified', format: 'xlsx', whole: false });
    const rows = await sheetRows(await download(xlsx.data.url));
    const row = rows.find((r) => r[4].includes('HYPERLINK'));
    expect(row?.[4]).toBe(`'=HYPERLINK("http://evil.example","点我")`);
    expect(row?.[7]).toBe(`'@SUM(A1:A9)`);
    // And no cell of the workbook is a formula.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await download(xlsx.data.url)) as any);
    wb.worksheets[0].eachRow((r) => r.eachCell((c) => expect(c.type).not.toBe(ExcelJS.ValueType.Formula)));

    const csv = await call('staff-street', { list: 'certified', format: 'csv', whole: false });
    const text = (await download(csv.data.url)).toString('utf8');
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""点我"")"`);
    expect(text).toContain(`,'@SUM(A1:A9)`);
  });

  test('a retried export answers with the first file and audits once', async () => {
    const requestId = rid();
    const token = await cloud.tokenFor('staff');
    const a = await cloud.callFunction(
      'certification',
      { action: 'export.create', list: 'restored', format: 'csv', whole: false, requestId },
      token,
    );
    const b = await cloud.callFunction(
      'certification',
      { action: 'export.create', list: 'restored', format: 'csv', whole: false, requestId },
      token,
    );
    expect(b.data.exportId).toBe(a.data.exportId);
    expect(b.data.fileId).toBe(a.data.fileId);
    expect((await db.collection('exports').where({ _id: a.data.exportId }).count()).total).toBe(1);
    expect((await db.collection('audit_log').where({ subjectId: a.data.exportId }).count()).total).toBe(1);
  });
});
