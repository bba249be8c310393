/**
 * The staff's content console in the compiled weapp, as the district's staff member (陈晓燕),
 * against the emulator with the clock at Monday 2026-11-23 09:30 (UTC+8): the home entries; a
 * policy answer's whole life — written in the editor (two problems caught on the phone, one draft
 * for a double tap, a formatting button, a related answer picked from the list), previewed as a
 * retiree would see it, published after a second step, edited, an earlier version previewed and
 * restored, taken down — and the list's filters; a notice for two streets set to publish later; a
 * retiree's question read whole (audited), answered privately and made into a draft answer that
 * opens in the editor. The app keeps who is signed in for five minutes, so the retiree's own calls
 * go straight to the function.
 */
import type { Notice, NoticePage } from '../../contract/notices';
import type { PolicyAnswerLoaded, PolicyAnswerStaffPage, StaffQuestion } from '../../contract/policy';
import { DEFAULT_TODAY } from '../../emulator/seed/generate';
import { type LocalCloud, startLocalCloud } from '../support/localCloud';
import { installFetchIfMissing } from './nodeFetch';
import { type RenderedPage, startWeapp, type WeappHarness } from './simulate';

installFetchIfMissing();

const APP_NOW = `${DEFAULT_TODAY}T09:30:00+08:00`; // Monday 2026-11-23
let cloud: LocalCloud;
let wx: WeappHarness;
const token: Record<string, string> = {};

beforeAll(async () => {
  cloud = await startLocalCloud({ functionEnv: { APP_NOW } });
  for (const who of ['staff', 'retiree']) token[who] = await cloud.tokenFor(who);
  wx = startWeapp({ cloudUrl: cloud.url, token: token.staff });
}, 120_000);

afterAll(async () => {
  await cloud?.stop();
});

const call = (who: string, data: Record<string, unknown>) => cloud.callFunction('content', data, token[who]);
const ok = async (who: string, data: Record<string, unknown>, fn = 'content') => {
  const res = await cloud.callFunction(fn, data, token[who]);
  if (!res.ok) throw new Error(`${data.action} as ${who}: ${res.error.code} ${res.error.message}`);
  return res.data;
};
const domId = (id: string) => id.replace(/[^A-Za-z0-9_-]/g, '_');
const textOf = (el: any) => (el?.dom?.textContent ?? '').replace(/\s+/g, ' ').trim();
const calls = (action: string) => wx.cloudCalls.filter((c) => c.name === 'content' && c.data.action === action);
const load = (id: string): Promise<PolicyAnswerLoaded> => ok('staff', { action: 'policy.load', id });

/** Tap a button once it is ready again (a button says 请稍候… while its last action finishes). */
async function tapWhenReady(page: RenderedPage, id: string) {
  await page.waitForText(() => !!page.byId(id) && !textOf(page.byId(id)).includes('请稍候'));
  await page.tap(id);
}

test('the staff home page has 政策问答管理 and 群众提问, and they lead to their pages', async () => {
  const home = await wx.renderPage('pages/index/index');
  await home.waitForText('群众提问');
  wx.navigateTo.mockClear();
  await home.tap('entry-staff-policy');
  expect(wx.navigateTo).toHaveBeenLastCalledWith(expect.objectContaining({ url: '/pages/staff/policy/index' }));
  await home.tap('entry-staff-questions');
  expect(wx.navigateTo).toHaveBeenLastCalledWith(expect.objectContaining({ url: '/pages/staff/questions/index' }));
});

describe('a policy answer from draft to taken down', () => {
  const QUESTION = '助餐卡丢了怎么补办？';
  const FIRST_BODY = '带上身份证，到社区助餐点登记补办。\n补办期间可以先报身份证号用餐。';
  let page: RenderedPage;
  let answerId: string;
  let related: { id: string; question: string };

  beforeAll(async () => {
    const meals = (await ok('staff', { action: 'policy.listAll', status: 'published', category: '老年助餐' })) as PolicyAnswerStaffPage;
    related = meals.items[0];
    if (!related) throw new Error('the demo data should have a published 老年助餐 answer');
    page = await wx.renderPage('pages/staff/policy/answer');
    await page.waitForText('保存为草稿');
  });

  test('problems are shown under their fields before anything is sent', async () => {
    await page.type('answer-question', QUESTION);
    await page.type('answer-body', FIRST_BODY);
    await page.type('answer-effective-from', '2026-01-01');
    await page.type('answer-effective-until', '2025-12-31');
    const before = calls('policy.save').length;
    await page.tap('answer-save');
    await page.waitForText('请选择分类');
    expect(textOf(page.byId('answer-category-error'))).toBe('请选择分类');
    expect(textOf(page.byId('answer-effective-until-error'))).toBe('失效日期不能早于施行日期');
    expect(textOf(page.byId('answer-editor-problem'))).toContain('请看上面标红的地方');
    expect(calls('policy.save').length).toBe(before);

    await page.tap('answer-category-meals');
    expect(page.byId('answer-category-error')).toBeUndefined();
    await page.type('answer-effective-until', '');
    expect(page.byId('answer-effective-until-error')).toBeUndefined();
  });

  test('a draft: a bold button, the source, keywords, a related answer; a double tap makes one answer', async () => {
    await page.tap('answer-body-bold'); // put in where the cursor was: the end of what was typed
    await page.type('answer-source-document', '《厦门市老年助餐服务管理办法》');
    await page.type('answer-keywords', '助餐卡，补卡、饭卡');
    await page.tap('answer-related-add');
    const option = `answer-related-pick-${domId(related.id)}`;
    await page.waitForText(() => !!page.byId(option));
    await page.tap(option);
    await page.tap('answer-related-close');
    await page.waitForText(() => textOf(page.byId(`answer-related-chosen-${domId(related.id)}`)).includes(related.question));

    const save = page.byId('answer-save');
    save?.dispatchEvent('tap');
    save?.dispatchEvent('tap');
    await page.waitForText(`「${QUESTION}」已保存为草稿`);
    const saves = calls('policy.save');
    expect(saves.at(-1)?.data.requestId).toBe(saves.at(-2)?.data.requestId);

    const drafts = (await ok('staff', { action: 'policy.listAll', status: 'draft' })) as PolicyAnswerStaffPage;
    const mine = drafts.items.filter((a) => a.question === QUESTION);
    expect(mine).toHaveLength(1);
    answerId = mine[0].id;
    const saved = await load(answerId);
    expect(saved).toMatchObject({
      category: '老年助餐',
      status: 'draft',
      version: 1,
      answerFormat: 'html',
      source: { document: '《厦门市老年助餐服务管理办法》', article: null },
      effectiveFrom: '2026-01-01',
      effectiveUntil: null,
      keywords: ['助餐卡', '补卡', '饭卡'],
      relatedIds: [related.id],
    });
    // Each typed line stayed a paragraph once the bold words made it rich text.
    expect(saved.answer).toContain('<p>带上身份证，到社区助餐点登记补办。</p>');
    expect(saved.answer).toContain('<strong>要强调的字</strong>');
    expect(textOf(page.byId('answer-summary'))).toContain('草稿');
  });

  test('预览 shows it as a retiree would, with the sentence that they cannot see it yet', async () => {
    await page.tap('answer-preview-toggle');
    await page.waitForText('这是草稿，居民还看不到');
    expect(textOf(page.byId('answer-preview-article-question'))).toBe(QUESTION);
    expect(page.byId('answer-preview-article-body')).toBeDefined();
    expect(textOf(page.byId('policy-fact-source'))).toContain('《厦门市老年助餐服务管理办法》');
    // A related answer a retiree can open now.
    expect(textOf(page.byId('policy-related'))).toContain(related.question);
    expect(calls('policy.preview').at(-1)?.data).toEqual({ action: 'policy.preview', id: answerId });
  });

  test('发布 after a second step: retirees can read it', async () => {
    expect((await call('retiree', { action: 'policy.get', id: answerId })).error.code).toBe('NOT_FOUND');
    await page.tap('answer-publish-start');
    await page.waitForText(`确定发布「${QUESTION}」吗？`);
    await page.tap('answer-publish-confirm');
    await page.waitForText('已发布，居民现在就能在「政策问答」里看到、搜到');
    expect(calls('policy.publish').at(-1)?.data).toEqual({ action: 'policy.publish', id: answerId, publishAt: null });
    const read = await ok('retiree', { action: 'policy.get', id: answerId });
    expect(read.question).toBe(QUESTION);
    await page.waitForText(() => textOf(page.byId('answer-summary')).includes('已发布'));
  });

  test('an edit of the published answer is live at once, as version 2', async () => {
    await page.tap('answer-edit');
    await page.waitForText('这条问答已经发布');
    await page.type('answer-body', '带上身份证，到社区助餐点登记补办，<strong>不用交钱</strong>。\n补办期间可以先报身份证号用餐。');
    await page.tap('answer-save');
    await page.waitForText('已保存修改（第2版），居民马上看到新的内容');
    const saved = await load(answerId);
    expect(saved.version).toBe(2);
    expect(saved.answer).toContain('<strong>不用交钱</strong>');
    expect((await ok('retiree', { action: 'policy.get', id: answerId })).answerText).toContain('不用交钱');
  });

  test('历史版本: version 1 previewed, then restored after a second step', async () => {
    await page.tap('answer-versions-toggle');
    await page.waitForText('现在是第2版');
    expect(textOf(page.byId('answer-versions-v1'))).toContain(QUESTION);
    await page.tap('answer-versions-v1-preview');
    await page.waitForText('这是第1版');
    expect(calls('policy.preview').at(-1)?.data).toEqual({ action: 'policy.preview', id: answerId, version: 1 });

    await page.tap('answer-versions-v1-restore');
    await page.waitForText('确定把内容恢复成第1版吗？');
    await page.tap('answer-versions-v1-step-confirm');
    await page.waitForText('已恢复成第1版的内容，现在是第3版。');
    const restored = await load(answerId);
    expect(restored).toMatchObject({ version: 3, status: 'published' });
    expect(restored.answer).toContain('<strong>要强调的字</strong>');
    expect(restored.answer).not.toContain('不用交钱');
    const [restore] = calls('policy.restore');
    expect(restore.data).toMatchObject({ id: answerId, version: 1 });
    expect(typeof restore.data.requestId).toBe('string');
  });

  test('撤下 after a second step: retirees no longer find it', async () => {
    await tapWhenReady(page, 'answer-unpublish-start');
    await page.waitForText(`确定撤下「${QUESTION}」吗？`);
    await page.tap('answer-unpublish-confirm');
    await page.waitForText('已撤下，居民看不到、也搜不到了');
    expect((await call('retiree', { action: 'policy.get', id: answerId })).error.code).toBe('NOT_FOUND');
    await page.waitForText(() => textOf(page.byId('answer-summary')).includes('已撤下'));
  });

  test('the list: by status and category, each answer opening its own page', async () => {
    const list = await wx.renderPage('pages/staff/policy/index');
    const card = `answer-${domId(answerId)}`;
    await list.waitForText(() => !!list.byId(card));
    expect(textOf(list.byId(card))).toContain('已撤下');
    await list.tap('answers-status-published');
    await list.waitForText(() => !list.byId(card) && !!list.byId(`answer-${domId(related.id)}`));
    expect(calls('policy.listAll').at(-1)?.data).toMatchObject({ status: 'published', page: 1 });
    await list.tap('answers-status-unpublished');
    await list.tap('answers-category-meals');
    await list.waitForText(() => !!list.byId(card));
    expect(calls('policy.listAll').at(-1)?.data).toMatchObject({ status: 'unpublished', category: '老年助餐' });
    wx.navigateTo.mockClear();
    await list.tap(card);
    expect(wx.navigateTo).toHaveBeenLastCalledWith(
      expect.objectContaining({ url: `/pages/staff/policy/answer?id=${encodeURIComponent(answerId)}` }),
    );
  });
});

test('a notice for two streets, set to go up on 1 December at 08:00', async () => {
  const TITLE = '12月份上门认证安排';
  const page = await wx.renderPage('pages/staff/notices/index');
  await page.waitForText('新建通知');
  await page.tap('notice-new');
  await page.waitForText('保存草稿');
  await page.type('notice-title', TITLE);
  await page.type('notice-body', '12月1日起，社区工作人员上门为行动不便的老人办理认证。\n请家里留人。');
  await page.tap('notice-audience-streets');
  await page.waitForText('哪几个街道');
  await page.type('notice-publish-at', '2026-12-01 08:00');
  const before = calls('notice.save').length;
  await page.tap('notice-publish');
  await page.waitForText('请至少选一个街道');
  expect(textOf(page.byId('notice-streets-error'))).toBe('请至少选一个街道，或者选「全区」');
  expect(calls('notice.save').length).toBe(before);

  await page.tap('notice-streets-0'); // 海沧街道
  await page.tap('notice-streets-2'); // 嵩屿街道
  await page.tap('notice-publish');
  await page.waitForText(`确定发布「${TITLE}」吗？`);
  expect(page.text()).toContain('海沧街道、嵩屿街道的居民');
  await page.tap('notice-publish-confirm-confirm');
  await page.waitForText('已设为定时发布：2026年12月1日 08:00起，海沧街道、嵩屿街道的居民才能看到。');
  expect(calls('notice.save').at(-1)?.data).toMatchObject({
    title: TITLE,
    publish: true,
    streets: ['海沧街道', '嵩屿街道'],
    publishAt: '2026-12-01 08:00',
    expireAt: null,
    attachments: [],
    pinned: false,
  });

  const all = (await ok('staff', { action: 'notice.listAll', page: 1 })) as NoticePage;
  const notice = all.items.find((n) => n.title === TITLE) as Notice;
  expect(notice).toMatchObject({
    status: 'published',
    state: 'scheduled',
    streets: ['海沧街道', '嵩屿街道'],
    publishedAt: new Date('2026-12-01T08:00:00+08:00').toISOString(),
  });
  const residents = (await ok('retiree', { action: 'notice.list', page: 1 })) as NoticePage;
  expect(residents.items.map((n) => n.title)).not.toContain(TITLE);

  // Its own panel: the audience and the time in words, and the preview's sentence.
  const card = `notice-${domId(notice.id)}`;
  expect(textOf(page.byId(card))).toContain('定时发布');
  expect(textOf(page.byId(`${card}-details`))).toContain('给海沧街道、嵩屿街道');
  await page.tap(card);
  await page.waitForText('给海沧街道、嵩屿街道的居民看');
  await page.tap('notice-preview-toggle');
  await page.waitForText('定时发布：2026年12月1日 08:00起，海沧街道、嵩屿街道的居民才能看到。');
  expect(textOf(page.byId('notice-preview-title'))).toBe(TITLE);
});

describe('a retiree’s question', () => {
  const ID_NUMBER = '350205195501011234';
  let questionId: string;
  let retireeName: string;

  beforeAll(async () => {
    retireeName = (await ok('retiree', { action: 'me.get' }, 'account')).retiree.name;
    const asked = await ok('retiree', {
      action: 'question.ask',
      text: `我叫${retireeName}，身份证${ID_NUMBER}，这个月养老金怎么少了一百多块？`,
      requestId: 'weapp-content-staff-question',
    });
    questionId = asked.id;
  });

  test('read whole (the read is recorded for the asker) and answered privately', async () => {
    const page = await wx.renderPage('pages/staff/questions/index');
    const card = `question-${domId(questionId)}`;
    await page.waitForText(() => !!page.byId(card));
    expect(textOf(page.byId(`${card}-text`))).toContain('养老金怎么少了');
    expect(textOf(page.byId(card))).not.toContain(ID_NUMBER); // masked in the list
    expect(textOf(page.byId(card))).toContain('等待答复');

    await page.tap(`${card}-open`);
    await page.waitForText(ID_NUMBER);
    expect(textOf(page.byId('question-asker'))).toContain(`${retireeName}（本人）`);
    const mine = await ok('retiree', { action: 'me.data' }, 'account');
    expect(mine.accessLog.map((r: { action: string }) => r.action)).toContain('question.read');

    await page.tap('question-answer-send');
    await page.waitForText('请填写答复');
    expect(textOf(page.byId('question-answer-text-error'))).toBe('请填写答复');
    await page.type('question-answer-text', `${retireeName}您好，这个月起代扣了城乡居民医保的个人缴费，其他没有变化。`);
    await page.tap('question-answer-send');
    await page.waitForText('已答复。只有提问的人能看到这条答复');
    const asked = (await ok('retiree', { action: 'question.mine' })).find((q: { id: string }) => q.id === questionId);
    expect(asked).toMatchObject({ id: questionId, status: 'answered' });
    expect(asked.answer).toContain('代扣了城乡居民医保');
    // Answering took nothing but the answer: the question is not read again.
    expect(calls('question.get')).toHaveLength(1);
  });

  test('整理成政策问答: a draft with the name and number masked, opened in the editor', async () => {
    const page = await wx.renderPage('pages/staff/questions/index');
    await page.tap('questions-status-answered');
    const card = `question-${domId(questionId)}`;
    await page.waitForText(() => !!page.byId(`${card}-open`));
    await page.tap(`${card}-open`);
    await page.waitForText('整理成政策问答');
    await page.tap('question-publish-category-pension');
    wx.navigateTo.mockClear();
    await page.tap('question-publish-start');
    await page.waitForText(() => wx.navigateTo.mock.calls.length > 0);
    const question = (await ok('staff', { action: 'question.get', id: questionId })) as StaffQuestion;
    const draftId = question.publishedAnswerId as string;
    expect(draftId).toBeTruthy();
    expect(wx.navigateTo).toHaveBeenLastCalledWith(
      expect.objectContaining({ url: `/pages/staff/policy/answer?id=${encodeURIComponent(draftId)}&edit=1` }),
    );
    const draft = await load(draftId);
    expect(draft).toMatchObject({ status: 'draft', origin: 'question', category: '养老金发放' });
    expect(draft.question).not.toContain(retireeName);
    expect(draft.question).not.toContain(ID_NUMBER);
    expect(draft.answer).not.toContain(retireeName);

    const editor = await wx.renderPage('pages/staff/policy/answer', { id: encodeURIComponent(draftId), edit: '1' });
    await editor.waitForText('政策依据');
    expect(editor.byId('answer-question')).toBeDefined();
    expect(editor.byId('answer-category-pension')).toBeDefined();
    expect(textOf(editor.byId('answer-save'))).toBe('保存');
  });
});
