import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import tcb from '@cloudbase/node-sdk';
import { localSdkEnv } from '../../emulator/sdkEnv';
import { DEFAULT_TODAY, generateDemoData } from '../../emulator/seed/generate';
import { type LocalCloud, startLocalCloud } from '../support/localCloud';

/**
 * Policy answers and the notices extension through the `content` function on the real emulator:
 * the publishing life cycle (draft → preview → publish → edit → version history → restore →
 * unpublish), bodies cleaned on the server, bad input refused in Chinese with nothing written,
 * "did this help?" counts, notice audiences by role and street, attachments, unread counts, and
 * scheduling and expiry as the clock (APP_NOW) moves on.
 *
 * The clock starts at Monday 2026-11-23 09:30 in UTC+8 (the demo's "today"); the last part moves
 * it by restarting the emulator on the same data with a later APP_NOW.
 */
const T0 = `${DEFAULT_TODAY}T09:30:00+08:00`;
const roster = generateDemoData({ scale: 'demo' }).roster;
const RETIREE_STREET = roster[0].street; // the demo retiree (吴萍)
const PARENT_STREET = roster[2].street; // the family member's father
const OTHER_STREET = ['海沧街道', '新阳街道', '嵩屿街道', '东孚街道'].find((s) => s !== RETIREE_STREET && s !== PARENT_STREET) as string;

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wx-content-'));
let cloud: LocalCloud;
let db: any;
let app: any;
const token: Record<string, string | undefined> = {};
const WHO = ['retiree', 'retiree2', 'family', 'staff', 'staff-street', 'admin', 'newcomer'];

async function startAt(appNow: string) {
  cloud = await startLocalCloud({ dataDir, functionEnv: { APP_NOW: appNow } });
  Object.assign(process.env, localSdkEnv(cloud.adminUrl));
  app = tcb.init({ env: 'local-dev', serviceUrl: cloud.adminUrl, secretId: 'l', secretKey: 'l' } as any);
  db = app.database();
  for (const who of WHO) token[who] = await cloud.tokenFor(who);
}

/** The clock moves: the same data, a later APP_NOW. */
async function moveClockTo(appNow: string) {
  await cloud.stop();
  await startAt(appNow);
}

let seq = 0;
const rid = () => `content-${Date.now().toString(36)}-${seq++}`;
const call = (who: string | undefined, data: Record<string, unknown>) => cloud.callFunction('content', data, who ? token[who] : undefined);
const ok = async (who: string | undefined, data: Record<string, unknown>) => {
  const res = await call(who, data);
  if (!res.ok) throw new Error(`${data.action} as ${who}: ${res.error.code} ${res.error.message}`);
  return res.data;
};
const count = async (collection: string) => (await db.collection(collection).count()).total as number;

const answerInput = (over: Record<string, unknown> = {}) => ({
  action: 'policy.save',
  requestId: rid(),
  question: '低保标准是多少？',
  answer: '<p>城乡最低生活保障标准是<strong>每人每月1045元</strong>。</p>',
  category: '社会救助（低保/特困）',
  source: { document: '《社会救助暂行办法》', article: '第九条' },
  keywords: ['低保金', '最低生活保障'],
  ...over,
});
const noticeInput = (over: Record<string, unknown> = {}) => ({
  action: 'notice.save',
  requestId: rid(),
  title: '测试通知',
  body: '本周六上午九点，在中心一楼活动室举办防诈骗讲座。',
  publish: true,
  ...over,
});

beforeAll(async () => {
  await startAt(T0);
}, 120_000);

afterAll(async () => {
  await cloud?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------
describe('policy answers: the publishing life cycle', () => {
  test('draft → preview → publish → edit → version history → restore → unpublish', async () => {
    const draft = await ok(
      'staff',
      answerInput({
        question: '特困人员每月能领多少？',
        answer:
          '<p>城乡特困人员基本生活标准是每人每月<strong>1568元</strong>。</p><script>alert(1)</script>' +
          '<img src=x onerror=alert(1)><p onclick="alert(1)">请到<a href="javascript:alert(1)">社区</a>申请。</p>',
        category: '社会救助（低保/特困）',
        relatedIds: ['seed-answer-aid-dibao'],
      }),
    );
    expect(draft).toMatchObject({ status: 'draft', state: 'draft', stateWords: '草稿', version: 1, answerFormat: 'html', origin: 'staff' });
    // Cleaned on the server, whatever the client sent.
    expect(draft.answer).toBe(
      '<p>城乡特困人员基本生活标准是每人每月<strong>1568元</strong>。</p><p>请到<a rel="noopener noreferrer">社区</a>申请。</p>',
    );
    expect(draft.answerText).toBe('城乡特困人员基本生活标准是每人每月1568元。\n请到社区申请。');

    // A draft does not exist for residents.
    expect((await call('retiree', { action: 'policy.get', id: draft.id })).error).toEqual({
      code: 'NOT_FOUND',
      message: '这条问答不存在或已经撤下了',
    });
    expect((await ok('retiree', { action: 'policy.list', category: '社会救助（低保/特困）' })).items.map((a: any) => a.id)).not.toContain(
      draft.id,
    );

    // Staff preview it as a resident would see it.
    const preview = await ok('staff', { action: 'policy.preview', id: draft.id });
    expect(preview).toMatchObject({ version: 1, visibleNow: false });
    expect(preview.note).toContain('草稿');
    expect(preview.answer.related).toEqual([{ id: 'seed-answer-aid-dibao', question: '低保标准是多少？怎么申请？' }]);

    const published = await ok('staff', { action: 'policy.publish', id: draft.id });
    expect(published).toMatchObject({ status: 'published', state: 'live', stateWords: '已发布', publishedAt: new Date(T0).toISOString() });
    const seen = await ok('retiree', { action: 'policy.get', id: draft.id });
    const { publishedAt, ...previewed } = preview.answer;
    expect(publishedAt).toBeNull();
    expect(seen).toEqual({ ...previewed, publishedAt: new Date(T0).toISOString(), myFeedback: null });
    expect((await ok(undefined, { action: 'policy.list', category: '社会救助（低保/特困）' })).items.map((a: any) => a.id)).toContain(
      draft.id,
    );

    // Edit: the resident sees the new words at once; version 1 is kept.
    const edited = await ok(
      'staff',
      answerInput({
        id: draft.id,
        version: 1,
        question: '特困人员基本生活标准是多少？',
        answer: '每人每月1568元。\n请到社区申请。',
        keywords: ['五保'],
      }),
    );
    expect(edited).toMatchObject({ version: 2, answerFormat: 'text', answer: '每人每月1568元。\n请到社区申请。', status: 'published' });
    expect((await ok('retiree', { action: 'policy.get', id: draft.id })).question).toBe('特困人员基本生活标准是多少？');

    const history = await ok('staff', { action: 'policy.versions', id: draft.id });
    expect(history.current).toMatchObject({ version: 2, savedByName: '陈晓燕' });
    expect(history.versions).toEqual([
      expect.objectContaining({
        version: 1,
        title: '特困人员每月能领多少？',
        summary: expect.stringContaining('1568元'),
        savedByName: '陈晓燕',
      }),
    ]);
    const old = await ok('staff', { action: 'policy.preview', id: draft.id, version: 1 });
    expect(old.answer.question).toBe('特困人员每月能领多少？');
    expect(old.note).toMatch(/^这是第1版/);

    // Restore version 1: it becomes version 3, and version 2 joins the history.
    const restoreId = rid();
    const restored = await ok('staff', { action: 'policy.restore', id: draft.id, version: 1, requestId: restoreId });
    expect(restored).toMatchObject({
      version: 3,
      question: '特困人员每月能领多少？',
      answer: draft.answer,
      relatedIds: ['seed-answer-aid-dibao'],
    });
    // Retried: applied once.
    expect((await ok('staff', { action: 'policy.restore', id: draft.id, version: 1, requestId: restoreId })).version).toBe(3);
    expect((await ok('staff', { action: 'policy.versions', id: draft.id })).versions.map((v: any) => v.version)).toEqual([2, 1]);

    // A form opened at an older version is refused rather than overwrite someone's work.
    const stale = await call('staff', answerInput({ id: draft.id, version: 2, question: '过时的表单' }));
    expect(stale.error).toEqual({ code: 'CONFLICT', message: '这条问答刚被其他工作人员修改过，请刷新后再改' });
    expect((await ok('staff', { action: 'policy.load', id: draft.id })).version).toBe(3);

    const down = await ok('staff', { action: 'policy.unpublish', id: draft.id });
    expect(down).toMatchObject({ status: 'unpublished', state: 'unpublished', stateWords: '已撤下' });
    expect((await call('retiree', { action: 'policy.get', id: draft.id })).error.code).toBe('NOT_FOUND');
    expect((await ok('staff', { action: 'policy.listAll', status: 'unpublished' })).items.map((a: any) => a.id)).toContain(draft.id);

    const { data: log } = await db.collection('audit_log').where({ 'target.id': draft.id }).orderBy('at', 'asc').get();
    expect(log.map((e: any) => e.action)).toEqual(['policy.create', 'policy.publish', 'policy.edit', 'policy.restore', 'policy.unpublish']);
  });

  test('a retried create makes one answer, even when the retries race', async () => {
    const input = answerInput({ question: '重复提交测试的问题' });
    const before = await count('policy_answers');
    const results = await Promise.all(Array.from({ length: 5 }, () => call('staff', input)));
    expect(new Set(results.map((r) => r.data.id)).size).toBe(1);
    expect(await count('policy_answers')).toBe(before + 1);
  });

  test('related answers show only those a resident can open now', async () => {
    const hidden = await ok('staff', answerInput({ question: '一条还没发布的问答' }));
    const a = await ok('staff', answerInput({ question: '带相关问答的问答', relatedIds: [hidden.id, 'seed-answer-aid-dibao'] }));
    await ok('staff', { action: 'policy.publish', id: a.id });
    expect((await ok('retiree', { action: 'policy.get', id: a.id })).related.map((r: any) => r.id)).toEqual(['seed-answer-aid-dibao']);
  });

  const bad: Array<[string, Record<string, unknown>, string]> = [
    ['a question too short', { question: '低保' }, '问题至少4个字'],
    ['no category', { category: undefined }, '请选择分类'],
    ['a category not in the list', { category: '其他' }, '请选择分类'],
    ['an empty answer', { answer: '   ' }, '请填写答复'],
    ['an answer that is only a script', { answer: '<script>alert(1)</script><img src=x onerror=alert(1)>' }, '请填写答复'],
    ['an answer too long', { answer: '字'.repeat(5001) }, '答复不能超过5000个字'],
    ['a day written wrongly', { effectiveFrom: '2026/1/1' }, '施行日期应写成 2026-03-02 这样'],
    ['expiry before effect', { effectiveFrom: '2026-06-01', effectiveUntil: '2026-05-31' }, '失效日期不能早于施行日期'],
    ['a keyword too long', { keywords: ['关'.repeat(21)] }, '每个关键词不能超过20个字'],
    ['a related answer that does not exist', { relatedIds: ['no-such-answer'] }, '相关问答里有一条已经不存在了，请重新选择'],
    ['a source without its document', { source: { document: '' } }, '请填写政策文件名称'],
    ['a field nobody knows', { status: 'published' }, '提交了不认识的内容，请更新小程序后再试'],
  ];
  test.each(bad)('bad input (%s) is refused in Chinese and writes nothing', async (_name, over, message) => {
    const before = [await count('policy_answers'), await count('content_versions'), await count('audit_log')];
    expect(await call('staff', answerInput(over))).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message } });
    expect([await count('policy_answers'), await count('content_versions'), await count('audit_log')]).toEqual(before);
  });

  test('an edit with bad input leaves the answer and its history as they were', async () => {
    const a = await ok('staff', answerInput({ question: '编辑出错的问答' }));
    const versions = await count('content_versions');
    expect((await call('staff', answerInput({ id: a.id, answer: '<iframe src="javascript:alert(1)"></iframe>' }))).error).toEqual({
      code: 'INVALID_INPUT',
      message: '请填写答复',
    });
    expect(await count('content_versions')).toBe(versions);
    expect((await ok('staff', { action: 'policy.load', id: a.id })).version).toBe(1);
  });

  test('residents may not write answers, nor see staff lists', async () => {
    const before = await count('policy_answers');
    expect((await call('retiree', answerInput())).error).toEqual({ code: 'FORBIDDEN', message: '您没有权限做这件事' });
    expect((await call(undefined, answerInput())).error.code).toBe('UNAUTHENTICATED');
    expect((await call('family', { action: 'policy.listAll' })).error.code).toBe('FORBIDDEN');
    expect(await count('policy_answers')).toBe(before);
  });
});

// ---------------------------------------------------------------------------------------
describe('did this help?', () => {
  test('one answer per person per answer; staff see the counts and notes, never who', async () => {
    const id = 'seed-answer-meal-subsidy';
    await ok('retiree', { action: 'policy.feedback', id, helpful: true });
    await ok('family', { action: 'policy.feedback', id, helpful: false, note: '没说在哪里吃' });
    await ok('newcomer', { action: 'policy.feedback', id, helpful: true });
    // The retiree changes their mind: still one from them.
    await ok('retiree', { action: 'policy.feedback', id, helpful: false, note: '想知道周末开不开' });
    expect(await count('content_feedback')).toBe(3);

    const loaded = await ok('staff', { action: 'policy.load', id });
    expect(loaded.feedback).toEqual({ helpful: 1, notHelpful: 2 });
    expect(loaded.feedbackNotes.map((n: any) => n.note).sort()).toEqual(['想知道周末开不开', '没说在哪里吃'].sort());
    expect(JSON.stringify(loaded.feedbackNotes)).not.toMatch(/openid|identity|wx:/);
    const listed = (await ok('staff', { action: 'policy.listAll', category: '老年助餐' })).items.find((a: any) => a.id === id);
    expect(listed.feedback).toEqual({ helpful: 1, notHelpful: 2 });

    expect((await ok('retiree', { action: 'policy.get', id })).myFeedback).toEqual({ helpful: false, note: '想知道周末开不开' });
    expect((await ok(undefined, { action: 'policy.get', id })).myFeedback).toBeNull();
  });

  test('feedback needs a sign-in and an answer in effect, and a short note', async () => {
    expect((await call(undefined, { action: 'policy.feedback', id: 'seed-answer-meal-price', helpful: true })).error.code).toBe(
      'UNAUTHENTICATED',
    );
    const draft = await ok('staff', answerInput({ question: '一条草稿问答' }));
    expect((await call('retiree', { action: 'policy.feedback', id: draft.id, helpful: true })).error.code).toBe('NOT_FOUND');
    expect(
      (await call('retiree', { action: 'policy.feedback', id: 'seed-answer-meal-price', helpful: true, note: '长'.repeat(101) })).error,
    ).toEqual({
      code: 'INVALID_INPUT',
      message: '留言不能超过100个字',
    });
    expect((await call('retiree', { action: 'policy.feedback', id: 'seed-answer-meal-price' })).error.message).toBe('请选择有没有帮助');
  });
});

// ---------------------------------------------------------------------------------------
describe('notices: rich text, audiences, attachments, versions, unread', () => {
  test('a body with a payload is stored clean; plain text stays as typed', async () => {
    const saved = await ok(
      'staff',
      noticeInput({
        body: '<h3>讲座安排</h3><p style="color:red" onmouseover="alert(1)">周六上午</p><svg onload=alert(1)><script>steal()</script><a href="jav&#x09;ascript:alert(1)">报名</a>',
      }),
    );
    expect(saved).toMatchObject({
      body: '<h3>讲座安排</h3><p>周六上午</p><a rel="noopener noreferrer">报名</a>',
      bodyFormat: 'html',
      bodyText: '讲座安排\n周六上午\n报名',
    });
    expect((await ok('retiree', { action: 'notice.get', id: saved.id })).body).toBe(saved.body);
    const plain = await ok('staff', noticeInput({ body: '第一段\n第二段 a < b' }));
    expect(plain).toMatchObject({ body: '第一段\n第二段 a < b', bodyFormat: 'text', bodyText: '第一段\n第二段 a < b' });
    expect((await call('staff', noticeInput({ body: '<script>alert(1)</script>' }))).error).toEqual({
      code: 'INVALID_INPUT',
      message: '请填写正文',
    });
  });

  test('a retiree sees the district and their street; family their elders’ streets; strangers the district only; staff all', async () => {
    const made: Record<string, string> = {};
    for (const [key, streets] of Object.entries({
      district: [],
      mine: [RETIREE_STREET],
      parents: [PARENT_STREET],
      other: [OTHER_STREET],
    })) {
      made[key] = (await ok('staff', noticeInput({ title: `受众测试 ${key}`, streets }))).id;
    }
    expect((await ok('staff', { action: 'notice.get', id: made.mine })).audienceWords).toBe(RETIREE_STREET);
    expect((await ok('staff', { action: 'notice.get', id: made.district })).audienceWords).toBe('全区');
    const expected: Record<string, string[]> = {
      anonymous: ['district'],
      newcomer: ['district'],
      retiree: ['district', 'mine'],
      retiree2: ['district', 'mine'], // the same street
      family: ['district', 'parents'],
      staff: ['district', 'mine', 'parents', 'other'],
      'staff-street': ['district', 'mine', 'parents', 'other'],
    };
    for (const [who, keys] of Object.entries(expected)) {
      const as = who === 'anonymous' ? undefined : who;
      const listed = new Set((await ok(as, { action: 'notice.list' })).items.map((n: any) => n.id));
      const seen = Object.keys(made).filter((k) => listed.has(made[k]));
      expect({ who, seen }).toEqual({ who, seen: keys });
      for (const k of Object.keys(made)) {
        const got = await call(as, { action: 'notice.get', id: made[k] });
        expect({ who, k, ok: got.ok }).toEqual({ who, k, ok: keys.includes(k) });
      }
    }
  });

  test('attachments get a download link on the notice’s own page', async () => {
    const { fileID } = (await app.uploadFile({ cloudPath: 'notices/认证须知.pdf', fileContent: Buffer.from('%PDF-1.4 demo') })) as {
      fileID: string;
    };
    const gone = fileID.replace('认证须知.pdf', '不存在.pdf');
    const n = await ok(
      'staff',
      noticeInput({
        attachments: [
          { fileId: fileID, name: '认证须知.pdf' },
          { fileId: gone, name: '不存在.pdf' },
        ],
      }),
    );
    expect(n.attachments).toEqual([
      { fileId: fileID, name: '认证须知.pdf' },
      { fileId: gone, name: '不存在.pdf' },
    ]);
    const read = await ok('retiree', { action: 'notice.get', id: n.id });
    expect(read.attachments[1].url).toBeNull();
    const res = await fetch(read.attachments[0].url);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('%PDF-1.4 demo');
    expect((await call('staff', noticeInput({ attachments: [{ fileId: fileID, name: '病毒.exe' }] }))).error.message).toBe(
      '附件只能是 PDF、Word、Excel、PPT 文件或图片',
    );
    expect(
      (await call('staff', noticeInput({ attachments: [{ fileId: 'http://evil.example/x.pdf', name: 'x.pdf' }] }))).error.message,
    ).toBe('文件地址不对');
  });

  test('versions, preview and restore; an edit keeps the fields it does not send', async () => {
    const n = await ok(
      'staff',
      noticeInput({ title: '版本测试 第一版', body: '第一版正文', publish: false, streets: [RETIREE_STREET], pinned: true }),
    );
    const preview = await ok('staff', { action: 'notice.preview', id: n.id });
    expect(preview).toMatchObject({ version: 1, visibleNow: false, notice: { title: '版本测试 第一版', body: '第一版正文' } });
    expect(preview.note).toContain('草稿');
    // The old client sends title, body, pinned and publish only: the audience stays.
    const v2 = await ok('staff', {
      action: 'notice.save',
      id: n.id,
      requestId: rid(),
      title: '版本测试 第二版',
      body: '第二版正文',
      pinned: true,
    });
    expect(v2).toMatchObject({ version: 2, streets: [RETIREE_STREET], status: 'draft' });
    const history = await ok('staff', { action: 'notice.versions', id: n.id });
    expect(history.versions).toEqual([expect.objectContaining({ version: 1, title: '版本测试 第一版', summary: '第一版正文' })]);
    expect((await ok('staff', { action: 'notice.preview', id: n.id, version: 1 })).notice.body).toBe('第一版正文');
    const restored = await ok('staff', { action: 'notice.restore', id: n.id, version: 1, requestId: rid() });
    expect(restored).toMatchObject({ version: 3, title: '版本测试 第一版', body: '第一版正文', status: 'draft' });
    expect((await call('staff', { action: 'notice.restore', id: n.id, version: 9, requestId: rid() })).error).toEqual({
      code: 'NOT_FOUND',
      message: '没有找到这个版本',
    });
    const published = await ok('staff', { action: 'notice.setStatus', id: n.id, status: 'published' });
    expect(published).toMatchObject({ state: 'live', stateWords: '已发布' });
    expect((await ok('staff', { action: 'notice.preview', id: n.id })).visibleNow).toBe(true);
    const down = await ok('staff', { action: 'notice.setStatus', id: n.id, status: 'unpublished' });
    expect(down).toMatchObject({ status: 'unpublished', stateWords: '已撤下' });
    expect((await call('retiree', { action: 'notice.get', id: n.id })).error.code).toBe('NOT_FOUND');
  });

  test('unread: a count for the home page; opening a notice reads it; "all read"', async () => {
    expect((await call(undefined, { action: 'notice.unreadCount' })).error.code).toBe('UNAUTHENTICATED');
    const before = (await ok('retiree', { action: 'notice.unreadCount' })).unread;
    const familyBefore = (await ok('family', { action: 'notice.unreadCount' })).unread;
    const n = await ok('staff', noticeInput({ title: '未读测试', streets: [RETIREE_STREET] }));
    expect((await ok('retiree', { action: 'notice.unreadCount' })).unread).toBe(before + 1);
    expect((await ok('family', { action: 'notice.unreadCount' })).unread).toBe(familyBefore); // not their street
    const listed = (await ok('retiree', { action: 'notice.list' })).items.find((x: any) => x.id === n.id);
    expect(listed.unread).toBe(true);

    expect(await ok('retiree', { action: 'notice.markRead', id: n.id })).toEqual({ unread: before });
    expect((await ok('retiree', { action: 'notice.list' })).items.find((x: any) => x.id === n.id).unread).toBe(false);
    expect(await ok('retiree', { action: 'notice.markRead', all: true })).toEqual({ unread: 0 });
    // Someone else's reading is theirs.
    expect((await ok('retiree2', { action: 'notice.unreadCount' })).unread).toBeGreaterThan(0);
    // A notice not for me cannot be marked.
    const other = await ok('staff', noticeInput({ title: '别的街道', streets: [OTHER_STREET] }));
    expect((await call('retiree', { action: 'notice.markRead', id: other.id })).error.code).toBe('NOT_FOUND');
    expect((await call('retiree', { action: 'notice.markRead' })).error).toEqual({ code: 'INVALID_INPUT', message: '请指明哪一条通知' });
  });
});

// ---------------------------------------------------------------------------------------
describe('scheduling and expiry, as the clock moves', () => {
  const T1 = `${DEFAULT_TODAY}T12:00:00+08:00`; // 2½ hours later
  const T2 = '2026-11-24T10:00:00+08:00'; // the next morning
  const ids: Record<string, string> = {};

  test(`at ${T0}: scheduled items wait, expiring ones are out`, async () => {
    ids.scheduledNotice = (await ok('staff', noticeInput({ title: '定时发布的通知', publishAt: '2026-11-23 11:30' }))).id;
    ids.expiringNotice = (await ok('staff', noticeInput({ title: '今天中午下架的通知', expireAt: '2026-11-23T13:00:00+08:00' }))).id;
    const scheduledAnswer = await ok('staff', answerInput({ question: '定时发布的问答' }));
    ids.scheduledAnswer = scheduledAnswer.id;
    const s = await ok('staff', { action: 'policy.publish', id: scheduledAnswer.id, publishAt: '2026-11-23 11:30' });
    expect(s).toMatchObject({ status: 'published', state: 'scheduled', stateWords: '定时发布', publishedAt: '2026-11-23T03:30:00.000Z' });
    ids.tomorrowAnswer = (await ok('staff', answerInput({ question: '明天起施行的政策', effectiveFrom: '2026-11-24' }))).id;
    expect((await ok('staff', { action: 'policy.publish', id: ids.tomorrowAnswer })).state).toBe('notYetEffective');
    ids.endsTodayAnswer = (await ok('staff', answerInput({ question: '今天最后一天施行的政策', effectiveUntil: DEFAULT_TODAY }))).id;
    await ok('staff', { action: 'policy.publish', id: ids.endsTodayAnswer });

    const scheduled = await ok('staff', { action: 'notice.get', id: ids.scheduledNotice });
    expect(scheduled).toMatchObject({ status: 'published', state: 'scheduled', publishAt: '2026-11-23T03:30:00.000Z' });
    expect((await ok('staff', { action: 'notice.preview', id: ids.scheduledNotice })).note).toBe(
      '定时发布：2026年11月23日 11:30起，全区的居民才能看到。',
    );
    const notices = new Set((await ok('retiree', { action: 'notice.list' })).items.map((n: any) => n.id));
    expect([notices.has(ids.scheduledNotice), notices.has(ids.expiringNotice)]).toEqual([false, true]);
    expect((await call('retiree', { action: 'notice.get', id: ids.scheduledNotice })).error.code).toBe('NOT_FOUND');
    const answers = await visibleAnswers();
    expect(answers).toEqual({ scheduledAnswer: false, tomorrowAnswer: false, endsTodayAnswer: true });
    expect(await searched('定时发布的问答')).not.toContain(ids.scheduledAnswer);

    // Times that make no sense are refused, in words.
    expect((await call('staff', noticeInput({ expireAt: '2026-11-23 09:00' }))).error.message).toBe('下架时间已经过了，请重新填写');
    expect((await call('staff', noticeInput({ publishAt: '2026-11-25 08:00', expireAt: '2026-11-24 08:00' }))).error.message).toBe(
      '下架时间要晚于发布时间（2026年11月25日 08:00）',
    );
    expect((await call('staff', noticeInput({ publishAt: '明天早上' }))).error.message).toBe('发布时间应写成 2026-12-01 08:00 这样');
  });

  test(`at ${T1}: the scheduled notice and answer are out, and count as unread`, async () => {
    await ok('retiree', { action: 'notice.markRead', all: true }); // at T0
    await moveClockTo(T1);
    const notices = new Set((await ok('retiree', { action: 'notice.list' })).items.map((n: any) => n.id));
    expect([notices.has(ids.scheduledNotice), notices.has(ids.expiringNotice)]).toEqual([true, true]);
    expect(await visibleAnswers()).toEqual({ scheduledAnswer: true, tomorrowAnswer: false, endsTodayAnswer: true });
    expect(await searched('定时发布的问答')).toContain(ids.scheduledAnswer);
    expect(await searched('今天中午下架的通知')).toContain(ids.expiringNotice);
    // Published at 11:30, after the retiree read everything at 09:30.
    expect((await ok('retiree', { action: 'notice.unreadCount' })).unread).toBe(1);
    expect((await ok('staff', { action: 'notice.get', id: ids.scheduledNotice })).state).toBe('live');
  });

  test(`at ${T2}: the expired notice and the answer no longer in effect are gone; tomorrow's policy is in`, async () => {
    await moveClockTo(T2);
    const notices = new Set((await ok('retiree', { action: 'notice.list' })).items.map((n: any) => n.id));
    expect([notices.has(ids.scheduledNotice), notices.has(ids.expiringNotice)]).toEqual([true, false]);
    expect((await call('family', { action: 'notice.get', id: ids.expiringNotice })).error.code).toBe('NOT_FOUND');
    expect(await visibleAnswers()).toEqual({ scheduledAnswer: true, tomorrowAnswer: true, endsTodayAnswer: false });
    expect(await searched('明天起施行的政策')).toContain(ids.tomorrowAnswer);
    expect(await searched('今天最后一天施行的政策')).not.toContain(ids.endsTodayAnswer);
    expect(await searched('今天中午下架的通知')).not.toContain(ids.expiringNotice);
    expect((await ok('staff', { action: 'notice.get', id: ids.expiringNotice })).stateWords).toBe('已过期');
    expect((await ok('staff', { action: 'policy.load', id: ids.endsTodayAnswer })).stateWords).toBe('已过期');
    // Publishing again needs a new expiry first.
    expect((await call('staff', { action: 'notice.setStatus', id: ids.expiringNotice, status: 'published' })).error.message).toBe(
      '这条通知的下架时间（2026年11月23日 13:00）已经过了，请先修改下架时间',
    );
    expect((await call('staff', { action: 'policy.publish', id: ids.endsTodayAnswer })).error.message).toBe(
      `这条政策已于${DEFAULT_TODAY}失效，请先修改失效日期再发布`,
    );
  });

  const searched = async (q: string) => (await ok('family', { action: 'policy.search', q })).hits.map((h: any) => h.id);

  async function visibleAnswers() {
    const out: Record<string, boolean> = {};
    for (const k of ['scheduledAnswer', 'tomorrowAnswer', 'endsTodayAnswer'])
      out[k] = (await call('family', { action: 'policy.get', id: ids[k] })).ok;
    return out;
  }
});
