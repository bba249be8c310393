/**
 * 政策问答 in the compiled weapp, against the emulator and the real content function, as the demo
 * retiree: answers by category, search by pinyin initials with the matches highlighted, nothing
 * found (the centre’s phone and 问工作人员), one answer (source, dates, related answers, the share card, "did this
 * help?", 朗读 through the 同声传译 plugin when the build has it, a plain line when not), asking a
 * question and seeing staff's answer in 我的提问, and the home page's tile and unread notices.
 * The clock is the demo's today, 09:30 (UTC+8), so every seeded answer is in effect.
 */
import type { MyQuestion, PolicyAnswerLoaded, PolicyAnswerView, StaffQuestionPage } from '../../contract/policy';
import { DEFAULT_TODAY } from '../../emulator/seed/generate';
import { demoAnswerId } from '../../emulator/seed/policy';
import { type LocalCloud, startLocalCloud } from '../support/localCloud';
import { installFetchIfMissing } from './nodeFetch';
import { type RenderedPage, startWeapp, type WeappHarness } from './simulate';

installFetchIfMissing();

const DIBAO = demoAnswerId('aid-dibao');
/** Plain text, with a source document and a related answer. */
const RESIDENT_CERT = demoAnswerId('resident-cert');
/** Rich text (paragraphs, bold). */
const CERT_HOW_OFTEN = demoAnswerId('cert-how-often');

let cloud: LocalCloud;
let wx: WeappHarness;
const token: Record<string, string> = {};
let seq = 0;
const rid = () => `weapp-policy-${seq++}`;
const phoneCalls: string[] = [];

/** WeChat's audio player, as the 同声传译 adapter uses it: each clip "plays" at once and ends. */
const played: string[] = [];
function fakeAudioContext() {
  let ended: () => void = () => undefined;
  const ctx = {
    src: '',
    play() {
      played.push(ctx.src);
      setTimeout(() => ended(), 5);
    },
    pause() {},
    stop() {},
    destroy() {},
    onEnded(cb: () => void) {
      ended = cb;
    },
    onError() {},
  };
  return ctx;
}

async function ok(who: string, fn: string, data: Record<string, unknown>) {
  const res = await cloud.callFunction(fn, data, token[who]);
  if (!res.ok) throw new Error(`${fn} ${data.action} as ${who}: ${res.error.code} ${res.error.message}`);
  return res.data;
}

beforeAll(async () => {
  cloud = await startLocalCloud({ functionEnv: { APP_NOW: `${DEFAULT_TODAY}T09:30:00+08:00` } });
  for (const who of ['retiree', 'staff']) token[who] = await cloud.tokenFor(who);
  wx = startWeapp({
    cloudUrl: cloud.url,
    token: token.retiree,
    phoneApis: {
      makePhoneCall(opts: { phoneNumber: string; success?: Function; complete?: Function }) {
        phoneCalls.push(opts.phoneNumber);
        opts.success?.({ errMsg: 'makePhoneCall:ok' });
        opts.complete?.();
      },
      createInnerAudioContext: fakeAudioContext,
      setInnerAudioOption: jest.fn(),
    },
  });
}, 180_000);

afterAll(async () => {
  await cloud?.stop();
});

const textOf = (page: RenderedPage, id: string) => (page.byId(id)?.dom?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** Elements by class under an element (simulate prefixes classes with the component's scope, "main--"). */
const byClass = (page: RenderedPage, id: string, cls: string): Element[] =>
  Array.from(page.byId(id)?.dom?.querySelectorAll(`[class$="${cls}"]`) ?? []);

/** What Taro sent WeChat for one element (by its data-sid): its props, as the wxml template reads them. */
function taroNode(page: RenderedPage, sid: string): Record<string, unknown> | undefined {
  const walk = (n: any): any => {
    if (!n || typeof n !== 'object') return undefined;
    if (n.sid === sid) return n;
    for (const c of n.cn ?? []) {
      const found = walk(c);
      if (found) return found;
    }
    return undefined;
  };
  return walk((page.comp as any).instance.data.root);
}

test('the categories as tiles; choosing one lists its answers, newest first', async () => {
  const page = await wx.renderPage('pages/policy/index');
  await page.waitForText('最近更新的问答');
  for (const words of ['想问什么？', '搜索', '按分类看', '资格认证', '社会救助（低保/特困）', '残疾人服务', '问工作人员']) {
    expect(page.text()).toContain(words);
  }
  expect(wx.cloudCalls).toContainEqual({ name: 'content', data: { action: 'policy.list', page: 1 } });

  // 残疾人服务 is the eighth category.
  await page.tap('policy-category-7');
  await page.waitForText('“残疾人服务”的问答');
  await page.waitForText('残疾人有困难，向谁反映？');
  expect(wx.cloudCalls).toContainEqual({ name: 'content', data: { action: 'policy.list', category: '残疾人服务', page: 1 } });
  expect(page.byId('answer-seed-answer-disability-needs')).toBeDefined();
  expect(page.byId('answer-seed-answer-disability-cert')).toBeDefined();
  expect(page.text()).not.toContain('低保标准是多少');
  expect(page.byId('policy-category-7')?.dom?.textContent).toContain('✓');

  // Tapping it again: every category's newest.
  await page.tap('policy-category-7');
  await page.waitForText('最近更新的问答');

  await page.tap('policy-category-7');
  await page.waitForText('残疾人有困难，向谁反映？');
  wx.navigateTo.mockClear();
  await page.tap('answer-seed-answer-disability-needs');
  expect(wx.navigateTo).toHaveBeenCalledWith(
    expect.objectContaining({ url: `/pages/policy/detail?id=${encodeURIComponent(demoAnswerId('disability-needs'))}` }),
  );
});

test('searching by pinyin initials: "dbbz" finds 低保标准, the matched words highlighted', async () => {
  const page = await wx.renderPage('pages/policy/index');
  await page.waitForText('最近更新的问答');
  await page.type('policy-search-input', 'dbbz');
  await page.tap('policy-search-submit');
  await page.waitForText('和“dbbz”有关的内容');
  expect(wx.cloudCalls).toContainEqual({ name: 'content', data: { action: 'policy.search', q: 'dbbz' } });

  const hit = page.byId(`hit-answer-${DIBAO}`);
  expect(hit).toBeDefined();
  expect(textOf(page, `hit-answer-${DIBAO}`)).toContain('低保标准是多少？怎么申请？');
  // The best hit comes first, and the marks are drawn, never shown as brackets.
  expect(page.text().indexOf('低保标准是多少')).toBeLessThan(page.text().indexOf('特困人员'));
  expect(page.text()).not.toContain('[[');
  const marks = byClass(page, `hit-answer-${DIBAO}`, 'policy-mark').map((m) => m.textContent);
  expect(marks).toContain('低保标准');
  expect(marks).toContain('最低生活保障'); // a synonym of 低保, marked in the snippet
  // The categories give way to the results; 不查了 brings them back.
  expect(page.byId('policy-categories')).toBeUndefined();
  await page.tap('policy-search-clear');
  await page.waitForText('按分类看');
});

test('nothing found is never an empty page: the centre’s phone and 问工作人员', async () => {
  const page = await wx.renderPage('pages/policy/index');
  await page.waitForText('最近更新的问答');
  await page.type('policy-search-input', '火星旅游');
  await page.tap('policy-search-submit');
  await page.waitForText('没有找到和“火星旅游”有关的内容');
  const text = page.text();
  expect(text).toContain('区退休人员社会化服务中心');
  expect(textOf(page, 'policy-nothing-phone')).toBe('0592-0000000');
  expect(text).toContain('我要提问'); // the server's hint for someone who can ask
  await page.tap('policy-nothing-call');
  expect(phoneCalls).toEqual(['0592-0000000']);
  wx.navigateTo.mockClear();
  await page.tap('policy-nothing-ask');
  expect(wx.navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/pages/policy/ask' }));

  // Pressing 搜索 with nothing typed says what to do, rather than nothing.
  await page.type('policy-search-input', '');
  await page.tap('policy-search-submit');
  await page.waitForText('请先在上面的框里写下想查的内容');
});

test('one answer: the question, the answer in large type, its source, dates and related answers', async () => {
  const answer = (await ok('retiree', 'content', { action: 'policy.get', id: RESIDENT_CERT })) as PolicyAnswerView;
  const page = await wx.renderPage('pages/policy/detail', { id: RESIDENT_CERT });
  await page.waitForText(answer.question);
  const text = await page.waitForText('这条回答有帮助吗？');
  expect(answer.answerFormat).toBe('text');
  for (const line of answer.answer.split('\n')) expect(text).toContain(line);
  expect(textOf(page, 'policy-fact-source')).toBe('政策依据《社会保险经办条例》（2023年）');
  expect(textOf(page, 'policy-fact-updated')).toMatch(/^更新日期\d{4}年\d{1,2}月\d{1,2}日$/);
  expect(textOf(page, 'policy-related')).toContain('养老金领取资格认证多久要做一次？');
  expect(wx.cloudCalls).toContainEqual({ name: 'content', data: { action: 'policy.get', id: RESIDENT_CERT } });

  // This build declares no speech plugin: no button, and a plain line saying why.
  expect(page.byId('policy-read-aloud')).toBeUndefined();
  expect(textOf(page, 'policy-read-aloud-unavailable')).toContain('同声传译');

  // WeChat's share card: the question as its title, opening this answer (the page's menu and 分享给家人).
  expect(page.byId('policy-share')).toBeDefined();
  const card = (page.comp as any).instance.onShareAppMessage({ from: 'button' });
  expect(card).toMatchObject({ title: answer.question, path: `/pages/policy/detail?id=${RESIDENT_CERT}` });

  wx.navigateTo.mockClear();
  await page.tap(`related-${CERT_HOW_OFTEN}`);
  expect(wx.navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: `/pages/policy/detail?id=${CERT_HOW_OFTEN}` }));
});

test('a rich-text answer goes to WeChat’s rich-text as the sanitised HTML', async () => {
  const answer = (await ok('retiree', 'content', { action: 'policy.get', id: CERT_HOW_OFTEN })) as PolicyAnswerView;
  expect(answer.answerFormat).toBe('html');
  const page = await wx.renderPage('pages/policy/detail', { id: CERT_HOW_OFTEN });
  await page.waitForText(answer.question);
  const richText = page.byId('policy-answer')?.dom?.querySelector('wx-rich-text');
  expect(richText).toBeTruthy();
  // rich-text's `nodes` (p1 in Taro's template) is the server's sanitised HTML, as is.
  const node = taroNode(page, richText?.getAttribute('data-sid') ?? '');
  expect(node?.p1).toBe(answer.answer);
  expect(answer.answer).toContain('<strong>不要超过12个月</strong>');
  expect(page.text()).not.toContain('<p>');
  expect(page.text()).not.toContain('<strong>');
});

test('"did this help?": 没帮助, then a short note; staff see both, never who', async () => {
  const page = await wx.renderPage('pages/policy/detail', { id: RESIDENT_CERT });
  await page.waitForText('这条回答有帮助吗？');
  await page.tap('feedback-not-helpful');
  await page.waitForText('谢谢您告诉我们');
  expect(wx.cloudCalls).toContainEqual({ name: 'content', data: { action: 'policy.feedback', id: RESIDENT_CERT, helpful: false } });
  await page.waitForText('您选了“没帮助”');

  await page.type('feedback-note', '没说清楚去哪里认证');
  await page.tap('feedback-note-send');
  await page.waitForText('留言收到了，谢谢您。');
  expect(wx.cloudCalls).toContainEqual({
    name: 'content',
    data: { action: 'policy.feedback', id: RESIDENT_CERT, helpful: false, note: '没说清楚去哪里认证' },
  });

  const loaded = (await ok('staff', 'content', { action: 'policy.load', id: RESIDENT_CERT })) as PolicyAnswerLoaded;
  expect(loaded.feedback).toEqual({ helpful: 0, notHelpful: 1 });
  expect(loaded.feedbackNotes).toEqual([expect.objectContaining({ helpful: false, note: '没说清楚去哪里认证' })]);

  // Coming back: my choice and note are shown; changing my mind keeps the note.
  const again = await wx.renderPage('pages/policy/detail', { id: RESIDENT_CERT });
  await again.waitForText('您选了“没帮助”，留言：没说清楚去哪里认证');
  await again.tap('feedback-helpful');
  await again.waitForText('您选了“有帮助”，留言：没说清楚去哪里认证');
  const after = (await ok('staff', 'content', { action: 'policy.load', id: RESIDENT_CERT })) as PolicyAnswerLoaded;
  expect(after.feedback).toEqual({ helpful: 1, notHelpful: 0 });
});

test('朗读 with the 同声传译 plugin: the question, then the answer, piece by piece; 停止朗读 while it reads', async () => {
  const spoken: string[] = [];
  /** How long the plugin takes to make each clip. */
  let making = 5;
  const g = global as any;
  g.requirePlugin = (name: string) => {
    if (name !== 'WechatSI') throw new Error(`no plugin ${name}`);
    return {
      textToSpeech(opts: { lang: string; content: string; success: Function }) {
        expect(opts.lang).toBe('zh_CN');
        spoken.push(opts.content);
        const file = `https://tts.local/${spoken.length}.mp3`;
        setTimeout(() => opts.success({ retcode: 0, filename: file }), making);
      },
    };
  };
  try {
    const answer = (await ok('retiree', 'content', { action: 'policy.get', id: RESIDENT_CERT })) as PolicyAnswerView;
    const page = await wx.renderPage('pages/policy/detail', { id: RESIDENT_CERT });
    await page.waitForText(answer.question);
    expect(page.byId('policy-read-aloud-unavailable')).toBeUndefined();
    expect(textOf(page, 'policy-read-aloud')).toBe('朗读');

    await page.tap('policy-read-aloud');
    // Reading the last piece ends it: the button says 朗读 again.
    await page.waitForText(() => spoken.join('') === answer.question + answer.answerText.replace(/\s+/g, ''));
    await page.waitForText(() => textOf(page, 'policy-read-aloud') === '朗读' && played.length === spoken.length);
    expect(spoken[0]).toBe(answer.question);
    expect(played).toEqual(spoken.map((_s, i) => `https://tts.local/${i + 1}.mp3`));

    // While reading (slowly now), the same button stops it, and nothing more is read.
    making = 400;
    spoken.length = 0;
    played.length = 0;
    await page.tap('policy-read-aloud');
    await page.waitForText('停止朗读');
    expect(page.byId('policy-read-aloud-pause')).toBeDefined();
    await page.tap('policy-read-aloud');
    await page.waitForText(() => textOf(page, 'policy-read-aloud') === '朗读');
    await new Promise((r) => setTimeout(r, 1000));
    expect(spoken).toEqual([answer.question]);
    expect(played).toEqual([]);
  } finally {
    delete g.requirePlugin;
  }
});

test('asking a question: the limit in words, then it waits in 我的提问 until staff answer it', async () => {
  const page = await wx.renderPage('pages/policy/ask');
  await page.waitForText('我的提问');
  expect(page.text()).toContain('每个人最多可以有5个问题同时等待答复');
  expect(page.byId('my-questions-none')).toBeDefined();

  // Too short: said on the page, nothing sent.
  await page.type('question-text', '养老金');
  await page.tap('question-submit');
  await page.waitForText('请把问题写清楚一些（至少5个字）');
  expect(wx.cloudCalls.some((c) => c.data.action === 'question.ask')).toBe(false);

  const QUESTION = '我下个月搬到女儿家住，养老金还发到原来的卡上吗？';
  await page.type('question-text', QUESTION);
  await page.tap('question-category-1'); // 养老金发放
  await page.tap('question-submit');
  await page.waitForText('问题已经交给工作人员了');
  expect(wx.cloudCalls).toContainEqual({
    name: 'content',
    data: { action: 'question.ask', text: QUESTION, category: '养老金发放', requestId: expect.any(String) },
  });
  await page.waitForText('您现在有1个问题在等待答复');
  const mine = (await ok('retiree', 'content', { action: 'question.mine' })) as MyQuestion[];
  expect(mine).toHaveLength(1);
  const card = `question-${mine[0].id}`;
  expect(textOf(page, card)).toContain('等待答复');
  expect(textOf(page, card)).toContain(QUESTION);

  // Staff answer it through the function; 看看有没有新的答复 shows the answer.
  const list = (await ok('staff', 'content', { action: 'question.list', status: 'open' })) as StaffQuestionPage;
  const asked = list.items.find((q) => q.id === mine[0].id);
  expect(asked).toBeDefined();
  const ANSWER = '还发到原来的卡上，不用改。卡换了的话，带身份证和新卡到社区办理。';
  await ok('staff', 'content', { action: 'question.answer', id: mine[0].id, answer: ANSWER, requestId: rid() });
  await page.tap('my-questions-refresh');
  await page.waitForText(ANSWER);
  expect(textOf(page, `${card}-answer`)).toContain('中心的答复');
  expect(textOf(page, card)).toContain('已答复');
  expect(page.byId('policy-ask-waiting')).toBeUndefined();
});

test('home: 政策问答 opens the policy page; 通知公告 shows the unread count, one fewer after reading', async () => {
  // A notice published just now is certainly unread.
  const notice = await ok('staff', 'content', {
    action: 'notice.save',
    requestId: rid(),
    title: '政策问答上线了',
    body: '在首页点“政策问答”，可以查政策，也可以问工作人员。',
    publish: true,
  });
  const { unread } = (await ok('retiree', 'content', { action: 'notice.unreadCount' })) as { unread: number };
  expect(unread).toBeGreaterThan(0);

  const home = await wx.renderPage('pages/index/index');
  await home.waitForText(`${unread}条未读`);
  expect(textOf(home, 'entry-notices-badge')).toBe(`${unread}条未读`);
  expect(wx.cloudCalls).toContainEqual({ name: 'content', data: { action: 'notice.unreadCount' } });
  wx.navigateTo.mockClear();
  await home.tap('entry-policy');
  expect(wx.navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/pages/policy/index' }));

  // Reading the notice marks it read; the home tile shows one fewer.
  const detail = await wx.renderPage('pages/notices/detail', { id: notice.id });
  await detail.waitForText('在首页点“政策问答”');
  await detail.waitForText(() => wx.cloudCalls.some((c) => c.data.action === 'notice.markRead' && c.data.id === notice.id));
  const again = await wx.renderPage('pages/index/index');
  if (unread > 1) {
    await again.waitForText(`${unread - 1}条未读`);
  } else {
    await again.waitForText('通知公告');
    await again.waitForText(() => again.byId('entry-notices-badge') === undefined);
  }
  expect((await ok('retiree', 'content', { action: 'notice.unreadCount' })).unread).toBe(unread - 1);
});
