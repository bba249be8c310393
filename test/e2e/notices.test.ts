/**
 * End to end, in a real Chromium against the built H5 app (dist/h5) and the real emulator:
 * a staff member signs in on the dev sign-in page, writes and publishes a notice; then a
 * retiree, in a separate browser, finds it under 通知公告 and reads it in large type.
 * Screenshots of every step go to test-artifacts/e2e/ (FAILED-<step>.png when a step fails).
 */
import { cloudCall, drawnFontSizes, type Journey, shown, startJourney, type Tab } from './support/journey';

const stamp = `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
const TITLE = `端到端测试通知 ${stamp}`;
const PARAGRAPHS = ['本周六上午九点，在中心一楼活动室举办防诈骗讲座。', '请带上身份证，家属可以陪同。'];
const BODY = PARAGRAPHS.join('\n');

let journey: Journey;
/** Set by the staff step; the retiree step reads this notice. */
let publishedId: string | undefined;

beforeAll(async () => {
  journey = await startJourney('notices');
}, 60_000);

afterAll(async () => {
  await journey?.close();
}, 30_000);

const openTab = () => journey.openTab();
const step = <T>(tab: Tab, name: string, fn: () => Promise<T>) => journey.step(tab, name, fn);
const shoot = (page: Tab['page'], file: string) => journey.shoot(page, file);

/** The dev sign-in, then the home page greets the person by name. */
async function signIn(tab: Tab, accountId: string, screenshot?: string) {
  await journey.signIn(tab, accountId, screenshot);
  const account = journey.cloud.accounts.find((a) => a.id === accountId)!;
  await shown(tab.page, '.home-greeting')
    .filter({ hasText: `${account.name}，您好` })
    .waitFor();
  await shown(tab.page, '.sign-in-bar__who').filter({ hasText: account.name }).waitFor();
}

// ---------------------------------------------------------------------------------------
// The journey

test('staff: signs in, writes a notice and publishes it', async () => {
  const tab = await openTab();
  const { page } = tab;

  await step(tab, 'staff-sign-in', () => signIn(tab, 'staff', '01-dev-signin-page.png'));

  await step(tab, 'staff-open-desk', async () => {
    await shown(page, '#entry-staff-notices').click();
    await page.waitForURL((u) => u.hash.startsWith('#/pages/staff/notices/index'));
    await shown(page, '.page__title').filter({ hasText: '发布通知' }).waitFor();
    await shown(page, '#notice-new').click();
    await shown(page, '#notice-title').waitFor();
  });

  await step(tab, 'staff-write', async () => {
    await shown(page, '#notice-title input').fill(TITLE);
    await shown(page, '#notice-body textarea').fill(BODY);
    await expect(shown(page, '#notice-title input').inputValue()).resolves.toBe(TITLE);
    await expect(shown(page, '#notice-body textarea').inputValue()).resolves.toBe(BODY);
    // A button given no id gets none (it once rendered id="undefined", colliding on the page).
    expect(await page.locator('[id="undefined"]').count()).toBe(0);
    await shoot(page, '02-staff-editor.png');
  });

  const saved = await step(tab, 'staff-publish', async () => {
    // Publishing is a second step on the page, which says who will see it.
    await shown(page, '#notice-publish').click();
    await shown(page, '.confirm-step').filter({ hasText: '全区的居民' }).waitFor();
    return cloudCall(page, 'content', 'notice.save', () => shown(page, '#notice-publish-confirm-confirm').click());
  });
  expect(saved).toMatchObject({ title: TITLE, body: BODY, status: 'published' });
  publishedId = saved.id as string;

  await step(tab, 'staff-sees-published', async () => {
    // Back on the list: the news line, and the card marked 已发布 with 撤下 under it.
    await shown(page, '#notice-news')
      .filter({ hasText: `「${TITLE}」已发布` })
      .waitFor();
    const card = shown(page, `#notice-${publishedId}`);
    await card.filter({ hasText: TITLE }).waitFor();
    await card.locator('.label', { hasText: '已发布' }).waitFor();
    await expect(card.getAttribute('aria-label')).resolves.toContain('已发布');
    expect((await shown(page, `#notice-status-${publishedId}`).textContent())?.trim()).toBe('撤下');
    await card.scrollIntoViewIfNeeded();
    await shoot(page, '03-staff-published.png');
  });
});

test('retiree: finds the new notice under 通知公告 and reads it in large type', async () => {
  if (!publishedId) throw new Error('the staff step did not publish a notice, so there is nothing to read');
  // A separate browser profile: nothing of the staff session is carried over.
  const tab = await openTab();
  const { page } = tab;

  await step(tab, 'retiree-sign-in', () => signIn(tab, 'retiree'));

  await step(tab, 'retiree-home', async () => {
    const entries: [string, string][] = [
      ['#entry-certification', '资格认证'],
      ['#entry-events', '活动报名'],
      ['#entry-policy', '政策问答'],
      ['#entry-notices', '通知公告'],
    ];
    for (const [selector, title] of entries) {
      await shown(page, `${selector} .entry-tile__title`).filter({ hasText: title }).waitFor();
    }
    // In that order, and nothing for staff.
    const titles = await shown(page, '.entry-tile__title').allInnerTexts();
    expect(titles).toEqual(entries.map(([, title]) => title));
    expect(await page.locator('#entry-staff-notices').count()).toBe(0);
    await shoot(page, '04-retiree-home.png');
  });

  await step(tab, 'retiree-notice-list', async () => {
    await shown(page, '#entry-notices').click();
    await page.waitForURL((u) => u.hash.startsWith('#/pages/notices/index'));
    await shown(page, '.page__title').filter({ hasText: '通知公告' }).waitFor();
    const card = shown(page, `#notice-${publishedId}`);
    await card.filter({ hasText: TITLE }).waitFor();
    // The public list does not label cards 草稿/已发布.
    await expect(card.locator('.label', { hasText: '已发布' }).count()).resolves.toBe(0);
    await card.scrollIntoViewIfNeeded();
    await shoot(page, '05-retiree-notice-list.png');
  });

  await step(tab, 'retiree-notice-detail', async () => {
    await shown(page, `#notice-${publishedId}`).click();
    await page.waitForURL((u) => u.hash.startsWith('#/pages/notices/detail') && u.hash.includes(encodeURIComponent(publishedId!)));
    await shown(page, '.notice-article__title').filter({ hasText: TITLE }).waitFor();
    const paragraphs = shown(page, '.notice-article__paragraph');
    await paragraphs.nth(PARAGRAPHS.length - 1).waitFor();
    expect((await paragraphs.allInnerTexts()).map((t) => t.trim())).toEqual(PARAGRAPHS);
    await shoot(page, '06-retiree-notice-detail.png');
  });

  await step(tab, 'retiree-body-font-size', async () => {
    // The size the words are actually drawn at: each paragraph and every element inside it.
    const sizes = await drawnFontSizes(page, '.notice-article__paragraph');
    expect(sizes.length).toBeGreaterThanOrEqual(PARAGRAPHS.length);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(18);
  });
});
