import tcb from '@cloudbase/node-sdk';
import { maskIdNumber } from '../../contract/idCard';
import { maskPhone } from '../../contract/phone';
import { localSdkEnv } from '../../emulator/sdkEnv';
import { DEFAULT_TODAY, generateDemoData } from '../../emulator/seed/generate';
import { type LocalCloud, startLocalCloud } from '../support/localCloud';

/**
 * Questions people ask the centre, through the `content` function: a retiree or family member
 * asks (five waiting at most, even in a race), staff of the asker's streets read (audited) and
 * answer privately, the asker reads the answer, and staff turn an answered question into a draft
 * policy answer with names, ID and phone numbers masked and nothing pointing back to the asker.
 */
const APP_NOW = `${DEFAULT_TODAY}T09:30:00+08:00`;
const roster = generateDemoData({ scale: 'demo' }).roster;
const me = roster[0]; // the demo retiree 吴萍 (新阳街道)
const parent = roster[2]; // the family member's father (海沧街道)

let cloud: LocalCloud;
let db: any;
const token: Record<string, string | undefined> = {};
let seq = 0;
const rid = () => `question-${Date.now().toString(36)}-${seq++}`;
const call = (who: string | undefined, data: Record<string, unknown>) => cloud.callFunction('content', data, who ? token[who] : undefined);
const ok = async (who: string | undefined, data: Record<string, unknown>) => {
  const res = await call(who, data);
  if (!res.ok) throw new Error(`${data.action} as ${who}: ${res.error.code} ${res.error.message}`);
  return res.data;
};
const ask = (who: string, text: string, over: Record<string, unknown> = {}) =>
  call(who, { action: 'question.ask', text, requestId: rid(), ...over });
const questionCount = async () => (await db.collection('policy_questions').count()).total as number;
const userIdOf = async (openid: string) =>
  (
    await db
      .collection('users')
      .where({ identity: `wx:${openid}` })
      .get()
  ).data[0]._id as string;

beforeAll(async () => {
  cloud = await startLocalCloud({ functionEnv: { APP_NOW } });
  Object.assign(process.env, localSdkEnv(cloud.adminUrl));
  db = tcb.init({ env: 'local-dev', serviceUrl: cloud.adminUrl, secretId: 'l', secretKey: 'l' } as any).database();
  for (const who of ['retiree', 'retiree2', 'family', 'staff', 'staff-street', 'admin', 'newcomer']) token[who] = await cloud.tokenFor(who);
}, 120_000);

afterAll(async () => {
  await cloud?.stop();
});

const personal = `我叫${me.name}，身份证号${me.idNumber}，电话${me.phone.slice(0, 3)} ${me.phone.slice(3, 7)} ${me.phone.slice(7)}。我父亲${parent.name}的养老金这个月没到账，是不是要重新认证？`;

describe('asking', () => {
  let mine: any;

  test('a retiree asks; it waits in 我的提问', async () => {
    const res = await ask('retiree', personal, { category: '养老金发放' });
    expect(res.ok).toBe(true);
    mine = res.data;
    expect(mine).toMatchObject({ text: personal, category: '养老金发放', status: 'open', answer: null });
    expect((await ok('retiree', { action: 'question.mine' })).map((q: any) => q.id)).toEqual([mine.id]);
    // Nobody else's.
    expect(await ok('retiree2', { action: 'question.mine' })).toEqual([]);
  });

  test('a retried ask makes one question', async () => {
    const requestId = rid();
    const before = await questionCount();
    const answers = await Promise.all([1, 2, 3].map(() => ask('family', '春节慰问金什么时候发到账？', { requestId })));
    expect(new Set(answers.map((a) => a.data.id)).size).toBe(1);
    expect(await questionCount()).toBe(before + 1);
  });

  test('five questions may wait at once, even when asked all together', async () => {
    const before = await questionCount();
    const results = await Promise.all(Array.from({ length: 7 }, (_x, i) => ask('retiree2', `第${i + 1}个问题：助餐补贴怎么领？`)));
    expect(results.filter((r) => r.ok)).toHaveLength(5);
    expect(results.filter((r) => !r.ok).map((r) => r.error)).toEqual(
      Array(2).fill({ code: 'TOO_MANY', message: '您已经有5个问题在等工作人员答复了，答复以后才能再问；着急的话请拨打中心电话' }),
    );
    expect(await questionCount()).toBe(before + 5);
  });

  const bad: Array<[string, Record<string, unknown>, string]> = [
    ['too short', { text: '低保？' }, '请把问题写清楚一些（至少5个字）'],
    ['too long', { text: '问'.repeat(501) }, '问题不能超过500个字'],
    ['a category not in the list', { text: '低保标准是多少钱呢', category: '别的' }, '请选择分类'],
    ['a broken requestId', { text: '低保标准是多少钱呢', requestId: 'x' }, '请求编号不对，请重试'],
    [
      'someone else named as the asker',
      { text: '低保标准是多少钱呢', askerUserId: 'someone-else' },
      '提交了不认识的内容，请更新小程序后再试',
    ],
  ];
  test.each(bad)('bad input (%s) is refused in Chinese and writes nothing', async (_name, over, message) => {
    const before = await questionCount();
    expect(await call('retiree', { action: 'question.ask', requestId: rid(), ...over })).toEqual({
      ok: false,
      error: { code: 'INVALID_INPUT', message },
    });
    expect(await questionCount()).toBe(before);
  });

  test('only retirees and family members ask; only staff list', async () => {
    expect((await ask('newcomer', '我还没有绑定，可以提问吗？')).error.code).toBe('UNAUTHENTICATED');
    expect((await ask('staff', '工作人员自己提问行不行')).error.code).toBe('FORBIDDEN');
    expect((await call(undefined, { action: 'question.mine' })).error.code).toBe('UNAUTHENTICATED');
    expect((await call('retiree', { action: 'question.list' })).error.code).toBe('FORBIDDEN');
    expect((await call('retiree', { action: 'question.get', id: mine.id })).error.code).toBe('FORBIDDEN');
  });

  describe('answering privately', () => {
    test('staff of the asker’s street list it with numbers masked; other streets’ staff do not see it', async () => {
      const list = await ok('staff-street', { action: 'question.list', status: 'open' }); // 新阳街道
      const item = list.items.find((q: any) => q.id === mine.id);
      expect(item).toMatchObject({ askerName: me.name, askerRole: 'retiree', streets: [me.street], status: 'open' });
      expect(item.text).toContain(maskIdNumber(me.idNumber));
      expect(item.text).toContain(maskPhone(me.phone));
      expect(item.text).not.toContain(me.idNumber);
      // The family member asked about a parent in 海沧街道: not this staff member's.
      const familyQuestion = (await ok('family', { action: 'question.mine' }))[0];
      expect(list.items.map((q: any) => q.id)).not.toContain(familyQuestion.id);
      expect((await call('staff-street', { action: 'question.get', id: familyQuestion.id })).error).toEqual({
        code: 'NOT_FOUND',
        message: '没有找到这个提问',
      });
      expect((await ok('staff', { action: 'question.list' })).items.map((q: any) => q.id)).toEqual(
        expect.arrayContaining([mine.id, familyQuestion.id]),
      );
    });

    test('reading it whole is audited under the asker, who sees it among their data', async () => {
      const whole = await ok('staff-street', { action: 'question.get', id: mine.id });
      expect(whole.text).toBe(personal);
      const askerId = await userIdOf('demo-openid-retiree');
      const { data } = await db.collection('audit_log').where({ 'target.id': mine.id, action: 'question.read' }).get();
      expect(data).toHaveLength(1);
      expect(data[0]).toMatchObject({ subjectId: askerId, actorRole: 'staff' });
      const myData = await cloud.callFunction('account', { action: 'me.data' }, token.retiree);
      expect(myData.data.accessLog.map((e: any) => e.action)).toContain('question.read');
    });

    test('the answer goes to the asker only; answering frees a place in the five', async () => {
      const answer = `${me.name}您好：您父亲的养老金没到账，可能是认证过期暂停了。请用小程序帮他刷脸认证，认证后恢复发放并补发。`;
      const answered = await ok('staff-street', { action: 'question.answer', id: mine.id, answer, requestId: rid() });
      expect(answered).toMatchObject({ status: 'answered', answer, answeredByName: '林志明' });
      expect((await ok('retiree', { action: 'question.mine' }))[0]).toMatchObject({ id: mine.id, status: 'answered', answer });
      expect(JSON.stringify(await ok('retiree2', { action: 'question.mine' }))).not.toContain(answer);
      const { data } = await db.collection('audit_log').where({ 'target.id': mine.id, action: 'question.answer' }).get();
      expect(data).toHaveLength(1);

      // retiree2 is at five waiting; one answered lets them ask again.
      const waiting = (await ok('retiree2', { action: 'question.mine' })).filter((q: any) => q.status === 'open');
      expect((await ask('retiree2', '第八个问题：还能再问吗？')).error.code).toBe('TOO_MANY');
      await ok('staff', { action: 'question.answer', id: waiting[0].id, answer: '带身份证到助老餐厅就能享受补贴。', requestId: rid() });
      expect((await ask('retiree2', '第八个问题：还能再问吗？')).ok).toBe(true);
    });
  });

  describe('publishing a de-identified answer', () => {
    test('an open question cannot be published yet', async () => {
      const q = (await ok('family', { action: 'question.mine' }))[0];
      expect((await call('staff', { action: 'question.publish', id: q.id, requestId: rid() })).error).toEqual({
        code: 'INVALID_INPUT',
        message: '请先答复这个问题，再把它整理成公开的问答',
      });
    });

    test('the draft masks names and numbers, and nothing in it leads back to the asker', async () => {
      const draft = await ok('staff-street', { action: 'question.publish', id: mine.id, requestId: rid() });
      expect(draft).toMatchObject({ status: 'draft', origin: 'question', category: '养老金发放', version: 1 });
      const words = `${draft.question}\n${draft.answer}`;
      for (const secret of [me.name, parent.name, me.idNumber, me.phone]) expect(words).not.toContain(secret);
      expect(draft.question).toContain(maskIdNumber(me.idNumber));
      expect(draft.question).toContain(maskPhone(me.phone));
      expect(draft.question).toContain('我叫某某');
      expect(draft.answer).toMatch(/^某某您好：您父亲的养老金没到账/);

      // Pressed again (or by a colleague): the same draft.
      expect((await ok('staff', { action: 'question.publish', id: mine.id, requestId: rid() })).id).toBe(draft.id);
      const staffView = await ok('staff', { action: 'question.get', id: mine.id });
      expect(staffView.publishedAnswerId).toBe(draft.id);

      // Staff edit the wording and publish; residents see nothing of the asker.
      await ok('staff', {
        action: 'policy.save',
        id: draft.id,
        requestId: rid(),
        question: '家里老人的养老金没到账，要重新认证吗？',
        answer: draft.answer.replace('某某您好：您父亲的', '老人的'),
        category: '养老金发放',
      });
      await ok('staff', { action: 'policy.publish', id: draft.id });
      const seen = await ok('family', { action: 'policy.get', id: draft.id });
      const text = JSON.stringify(seen);
      const askerId = await userIdOf('demo-openid-retiree');
      for (const secret of [me.name, me.idNumber, me.phone, askerId, mine.id]) expect(text).not.toContain(secret);
    });

    test('a question with no category needs one to be published', async () => {
      const q = (await ok('family', { action: 'question.mine' }))[0];
      await ok('staff', { action: 'question.answer', id: q.id, answer: '春节前发放，每人150元。', requestId: rid() });
      expect((await call('staff', { action: 'question.publish', id: q.id, requestId: rid() })).error.message).toBe('请选择分类');
      const draft = await ok('staff', { action: 'question.publish', id: q.id, category: '丧葬抚恤和慰问金', requestId: rid() });
      expect(draft).toMatchObject({
        question: '春节慰问金什么时候发到账？',
        answer: '春节前发放，每人150元。',
        category: '丧葬抚恤和慰问金',
      });
    });
  });
});
