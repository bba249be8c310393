import { CENTRE_PHONE } from '../../contract/centre';
import { DEFAULT_TODAY, generateDemoData } from '../../emulator/seed/generate';
import { type LocalCloud, startLocalCloud } from '../support/localCloud';

/**
 * `policy.search` through the `content` function, over the seeded answers and notices: how elders
 * type (pinyin initials, synonyms, a wrong character), highlighting, notices only for their
 * audience, an index that follows every publish and unpublish at once, and never an empty page
 * without a next step (the centre's phone, and asking a question).
 */
const APP_NOW = `${DEFAULT_TODAY}T09:30:00+08:00`;
const roster = generateDemoData({ scale: 'demo' }).roster;
const RETIREE_STREET = roster[0].street;
const OTHER_STREET = ['海沧街道', '新阳街道', '嵩屿街道', '东孚街道'].find((s) => s !== RETIREE_STREET && s !== roster[2].street) as string;

let cloud: LocalCloud;
const token: Record<string, string | undefined> = {};
let seq = 0;
const rid = () => `search-${Date.now().toString(36)}-${seq++}`;
const call = (who: string | undefined, data: Record<string, unknown>) => cloud.callFunction('content', data, who ? token[who] : undefined);
const ok = async (who: string | undefined, data: Record<string, unknown>) => {
  const res = await call(who, data);
  if (!res.ok) throw new Error(`${data.action} as ${who}: ${res.error.code} ${res.error.message}`);
  return res.data;
};
const search = (who: string | undefined, q: string, over: Record<string, unknown> = {}) => ok(who, { action: 'policy.search', q, ...over });
const ids = async (who: string | undefined, q: string, over: Record<string, unknown> = {}) =>
  (await search(who, q, over)).hits.map((h: any) => h.id);

beforeAll(async () => {
  cloud = await startLocalCloud({ functionEnv: { APP_NOW } });
  for (const who of ['retiree', 'family', 'staff', 'newcomer']) token[who] = await cloud.tokenFor(who);
}, 120_000);

afterAll(async () => {
  await cloud?.stop();
});

test.each([
  ['pinyin initials', 'dbbz', 'seed-answer-aid-dibao'],
  ['pinyin initials, two words', 'ylj zt', 'seed-answer-pension-suspended'],
  ['whole pinyin', 'dibao', 'seed-answer-aid-dibao'],
  ['a synonym (年检 = 资格认证)', '年检', 'seed-answer-cert-how-often'],
  ['a synonym (过世 = 去世)', '过世', 'seed-answer-pension-death-report'],
  ['a synonym (五保户 = 特困)', '五保户', 'seed-answer-aid-tekun'],
  ['a colloquial name (吃饭补贴)', '吃饭补贴', 'seed-answer-meal-subsidy'],
  ['a wrong character (补帖)', '助餐补帖', 'seed-answer-meal-subsidy'],
])('%s: %j finds the seeded answer in the first three', async (_how, q, id) => {
  const result = await search(undefined, q);
  const hit = result.hits.slice(0, 3).find((h: any) => h.id === id);
  expect(hit).toMatchObject({ id, kind: 'answer' });
  expect(hit.titleMarked).toMatch(/\[\[.+\]\]/);
  expect(result.nextStep).toBeNull();
});

test('a hit carries its category and a highlighted snippet', async () => {
  const [hit] = (await search('retiree', '低保标准')).hits;
  expect(hit).toMatchObject({
    id: 'seed-answer-aid-dibao',
    category: '社会救助（低保/特困）',
    titleMarked: '[[低保标准]]是多少？怎么申请？',
  });
  expect(hit.snippetMarked).toContain('1045');
});

test('nothing found: the next step is the centre’s phone, and asking when one can', async () => {
  const mine = await search('retiree', '火星移民');
  expect(mine).toEqual({
    query: '火星移民',
    hits: [],
    nextStep: {
      message: `没有找到和“火星移民”有关的内容。可以换个说法再查，或者打电话问区退休人员社会化服务中心：${CENTRE_PHONE}。`,
      centreName: '区退休人员社会化服务中心',
      centrePhone: CENTRE_PHONE,
      canAsk: true,
      askHint: '也可以点“我要提问”，把问题写下来，工作人员会答复您。',
    },
  });
  expect((await search('family', '火星移民')).nextStep.canAsk).toBe(true);
  expect((await search(undefined, '火星移民')).nextStep).toMatchObject({ canAsk: false, askHint: '登录以后，也可以把问题写下来问我们。' });
  expect((await search('newcomer', '火星移民')).nextStep).toMatchObject({ canAsk: false, centrePhone: CENTRE_PHONE });
});

test('notices are found by those they are for', async () => {
  const district = await ok('staff', {
    action: 'notice.save',
    requestId: rid(),
    title: '防范电信诈骗讲座',
    body: '请老人们提防冒充社保局的电话。',
    publish: true,
  });
  const street = await ok('staff', {
    action: 'notice.save',
    requestId: rid(),
    title: '防范电信诈骗上门宣传',
    body: '社区网格员上门讲解防诈骗知识。',
    publish: true,
    streets: [OTHER_STREET],
  });
  expect(await ids(undefined, '电信诈骗')).toEqual([district.id]);
  expect(await ids('retiree', '电信诈骗')).toEqual([district.id]);
  expect((await ids('staff', '电信诈骗')).sort()).toEqual([district.id, street.id].sort());
  expect(await ids('staff', '电信诈骗', { kind: 'answer' })).toEqual([]);
  expect((await search('retiree', '电信诈骗', { kind: 'notice' })).hits[0]).toMatchObject({ kind: 'notice', category: null });
});

test('the index follows publishing at once: drafts, scheduled and taken-down answers are not found', async () => {
  const draft = await ok('staff', {
    action: 'policy.save',
    requestId: rid(),
    question: '高龄津贴怎么领？',
    answer: '80岁以上的老人可以申请高龄津贴，带身份证到社区办理。',
    category: '社会救助（低保/特困）',
  });
  expect(await ids('retiree', '高龄津贴')).not.toContain(draft.id);
  await ok('staff', { action: 'policy.publish', id: draft.id });
  expect((await ids('retiree', '高龄津贴'))[0]).toBe(draft.id);
  expect((await ids('retiree', 'gljt'))[0]).toBe(draft.id);
  // An edit is searchable at once too.
  await ok('staff', {
    action: 'policy.save',
    id: draft.id,
    requestId: rid(),
    question: '高龄补贴怎么领？',
    answer: '80岁以上的老人可以申请，带身份证和户口本到社区办理。',
    category: '社会救助（低保/特困）',
  });
  expect((await search('retiree', '户口本')).hits[0]).toMatchObject({ id: draft.id, titleMarked: '高龄补贴怎么领？' });
  await ok('staff', { action: 'policy.unpublish', id: draft.id });
  expect(await ids('retiree', '高龄津贴')).not.toContain(draft.id);

  const later = await ok('staff', {
    action: 'policy.save',
    requestId: rid(),
    question: '明年的助听器补贴',
    answer: '明年起听力残疾的老人可以申请助听器补贴。',
    category: '残疾人服务',
  });
  await ok('staff', { action: 'policy.publish', id: later.id, publishAt: '2026-12-01 08:00' });
  expect(await ids('retiree', '助听器补贴')).not.toContain(later.id);
});

test.each([
  [{ q: '' }, '请输入要查的内容'],
  [{ q: '   ' }, '请输入要查的内容'],
  [{ q: '查'.repeat(51) }, '要查的内容不能超过50个字'],
  [{ q: '低保', limit: 0 }, '条数不对'],
  [{ q: '低保', kind: 'event' }, '查找范围不对'],
])('a search %j is refused in plain words', async (input, message) => {
  expect(await call(undefined, { action: 'policy.search', ...input })).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message } });
});
