/**
 * End to end, in a real Chromium against the built H5 app and the real emulator: the whole life
 * of a policy answer run from the browser. Staff (陈晓燕) open 政策问答管理 from their home page,
 * write a new answer (a problem caught before anything is sent), save it as a draft, preview it as
 * a retiree would see it, and publish it after the second step. A retiree, in another browser,
 * finds it by the words an elder would type and reads it. Staff take it down; the retiree's search
 * no longer finds it, and the page they had open says so plainly when reopened.
 * Screenshots: test-artifacts/e2e/content-staff-*.png.
 */
import type { Page } from 'playwright-core';
import type { PolicyAnswerLoaded, PolicySearchResult } from '../../contract/policy';
import { DEFAULT_TODAY } from '../../emulator/seed/generate';
import { domId } from '../../src/lib/domId';
import { cloudCall, drawnFontSizes, type Journey, shown, startJourney } from './support/journey';

const QUESTION = '助餐卡丢了怎么补办？';
const BODY = '带上身份证，到社区助餐点登记补办，不用交钱。\n补办期间可以先报身份证号用餐。';
const SEARCH = '饭卡丢了';

let journey: Journey;

beforeAll(async () => {
  journey = await startJourney('content-staff', { functionEnv: { APP_NOW: `${DEFAULT_TODAY}T09:30:00+08:00` } });
}, 60_000);

afterAll(async () => {
  await journey?.close();
}, 30_000);

async function expectLargeType(page: Page, selector = '.page__content') {
  const sizes = await drawnFontSizes(page, selector);
  expect(sizes.length).toBeGreaterThan(3);
  expect(Math.min(...sizes)).toBeGreaterThanOrEqual(18);
}

/** The retiree's search for what they would type; the hits' ids. */
async function retireeSearch(page: Page): Promise<string[]> {
  await shown(page, '#policy-search-input input').fill(SEARCH);
  const result = (await cloudCall(page, 'content', 'policy.search', () =>
    shown(page, '#policy-search-submit').click(),
  )) as PolicySearchResult;
  return result.hits.map((h) => h.id);
}

test('staff write, preview, publish and take down an answer in the browser; a retiree finds it, then no longer does', async () => {
  const staffTab = await journey.openTab();
  const staff = staffTab.page;
  await journey.step(staffTab, 'staff-sign-in', () => journey.signIn(staffTab, 'staff'));

  await journey.step(staffTab, 'desk', async () => {
    await shown(staff, '#entry-staff-policy').click();
    await staff.waitForURL((u) => u.hash.startsWith('#/pages/staff/policy/index'));
    await shown(staff, '#answers-list').waitFor();
    await shown(staff, '#answers-new').click();
    await staff.waitForURL((u) => u.hash.startsWith('#/pages/staff/policy/answer'));
    await shown(staff, '#answer-save').waitFor();
  });

  await journey.step(staffTab, 'problem-first', async () => {
    await shown(staff, '#answer-question input').fill(QUESTION);
    await shown(staff, '#answer-body textarea').fill(BODY);
    // The words elders use for it, so search finds it by them too.
    await shown(staff, '#answer-keywords input').fill('助餐卡，饭卡、补卡');
    // No category yet: said under the field, nothing sent.
    let sent = 0;
    const count = (r: { url(): string; postData(): string | null }) => {
      if (r.url().includes('/functions/content') && (r.postData() ?? '').includes('"policy.save"')) sent++;
    };
    staff.on('request', count);
    await shown(staff, '#answer-save').click();
    await shown(staff, '#answer-category-error').filter({ hasText: '请选择分类' }).waitFor();
    staff.off('request', count);
    expect(sent).toBe(0);
    await journey.shoot(staff, 'content-staff-01-problem.png');
    await shown(staff, '#answer-category-meals').click();
    await expect(shown(staff, '#answer-category-error').count()).resolves.toBe(0);
  });

  const draft = await journey.step(staffTab, 'draft', async () => {
    const saved = (await cloudCall(staff, 'content', 'policy.save', () => shown(staff, '#answer-save').click())) as PolicyAnswerLoaded;
    expect(saved).toMatchObject({ question: QUESTION, category: '老年助餐', status: 'draft', version: 1 });
    await shown(staff, '#answer-news')
      .filter({ hasText: `「${QUESTION}」已保存为草稿` })
      .waitFor();
    await shown(staff, '#answer-summary').filter({ hasText: '草稿' }).waitFor();
    // A draft is not there for retirees.
    const asRetiree = await journey.cloud.callFunction(
      'content',
      { action: 'policy.get', id: saved.id },
      await journey.cloud.tokenFor('retiree'),
    );
    expect(asRetiree).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    return saved;
  });

  await journey.step(staffTab, 'preview', async () => {
    await cloudCall(staff, 'content', 'policy.preview', () => shown(staff, '#answer-preview-toggle').click());
    await shown(staff, '#answer-preview').filter({ hasText: '这是草稿，居民还看不到' }).waitFor();
    await shown(staff, '#answer-preview-article-question').filter({ hasText: QUESTION }).waitFor();
    await shown(staff, '#answer-preview-article-body').filter({ hasText: '不用交钱' }).waitFor();
    await journey.shoot(staff, 'content-staff-02-preview.png');
  });

  await journey.step(staffTab, 'publish', async () => {
    await shown(staff, '#answer-publish-start').click();
    await shown(staff, '#answer-publish')
      .filter({ hasText: `确定发布「${QUESTION}」吗？` })
      .waitFor();
    await cloudCall(staff, 'content', 'policy.publish', () => shown(staff, '#answer-publish-confirm').click());
    await shown(staff, '#answer-news').filter({ hasText: '已发布，居民现在就能在「政策问答」里看到、搜到' }).waitFor();
    await shown(staff, '#answer-summary').filter({ hasText: '已发布' }).waitFor();
    await journey.shoot(staff, 'content-staff-03-published.png');
  });

  const retireeTab = await journey.openTab();
  const retiree = retireeTab.page;
  await journey.step(retireeTab, 'retiree-sign-in', () => journey.signIn(retireeTab, 'retiree'));

  await journey.step(retireeTab, 'retiree-finds-it', async () => {
    await shown(retiree, '#entry-policy').click();
    await retiree.waitForURL((u) => u.hash.startsWith('#/pages/policy/index'));
    const hits = await retireeSearch(retiree);
    // 饭卡 is how an elder says 助餐卡: the new answer is among the first three.
    expect(hits.slice(0, 3)).toContain(draft.id);
    await cloudCall(retiree, 'content', 'policy.get', () => shown(retiree, `#${domId('hit-answer', draft.id)}`).click());
    await retiree.waitForURL((u) => u.hash.startsWith('#/pages/policy/detail'));
    await shown(retiree, '#policy-question').filter({ hasText: QUESTION }).waitFor();
    await shown(retiree, '#policy-answer').filter({ hasText: '补办期间可以先报身份证号用餐' }).waitFor();
    await expectLargeType(retiree);
    await journey.shoot(retiree, 'content-staff-04-retiree-reads.png');
  });

  await journey.step(staffTab, 'take-down', async () => {
    await shown(staff, '#answer-unpublish-start').click();
    await shown(staff, '.page__content')
      .filter({ hasText: `确定撤下「${QUESTION}」吗？` })
      .waitFor();
    await cloudCall(staff, 'content', 'policy.unpublish', () => shown(staff, '#answer-unpublish-confirm').click());
    await shown(staff, '#answer-news').filter({ hasText: '已撤下，居民看不到、也搜不到了' }).waitFor();
    await shown(staff, '#answer-summary').filter({ hasText: '已撤下' }).waitFor();
    await journey.shoot(staff, 'content-staff-05-taken-down.png');
  });

  await journey.step(retireeTab, 'retiree-no-longer', async () => {
    // The page the retiree had open, opened again: a plain sentence and a way on, not an error.
    await retiree.reload();
    await shown(retiree, '.page__content').filter({ hasText: '没有找到这条问答' }).waitFor();
    await retiree.goto(`${journey.appUrl}#/pages/policy/index`);
    const hits = await retireeSearch(retiree);
    expect(hits).not.toContain(draft.id);
    await journey.shoot(retiree, 'content-staff-06-gone.png');
  });

  expect(staffTab.problems.filter((p) => !p.includes('HTTP 4'))).toEqual([]);
}, 180_000);
