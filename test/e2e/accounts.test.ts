/**
 * End to end, in a real Chromium against the built H5 app (dist/h5) and the real emulator:
 * a new user reads and accepts the privacy guide and binds with the code texted to the
 * roster's phone (read from the SMS sandbox over HTTP), then sees their name at home; a
 * child (a new sign-in) asks to help a parent who has no smartphone; staff approve it in
 * the queue with a note of how they checked; the child then sees the parent as linked.
 * Screenshots: test-artifacts/e2e/accounts-*.png (FAILED-accounts-<step>.png when a step fails).
 */
import type { Page } from 'playwright-core';
import { generateDemoData } from '../../emulator/seed/generate';
import { cloudCall, drawnFontSizes, type Journey, shown, startJourney, type Tab } from './support/journey';

const roster = generateDemoData({ scale: 'demo' }).roster;
/** The demo's newcomer is invited (on the sign-in page) to bind as roster row 3. */
const NEWCOMER_ROW = roster[3];
/** A parent with no smartphone: no account of their own, so staff must approve the child. */
const PARENT = roster[5];
const CHILD_NAME = '周晓梅';
const NOTE = '本人由女儿陪同到社区现场确认，核对了身份证';

let journey: Journey;
let childTab: Tab | undefined;

beforeAll(async () => {
  journey = await startJourney('accounts');
}, 60_000);

afterAll(async () => {
  await journey?.close();
}, 30_000);

const masked = (id: string) => `${id.slice(0, 4)}**********${id.slice(-4)}`;

/** Every element of the visible page content is drawn at 18px or more (body text ≥ 18pt equivalent). */
async function expectLargeType(page: Page, selector = '.page__content') {
  const sizes = await drawnFontSizes(page, selector);
  expect(sizes.length).toBeGreaterThan(3); // something was measured
  expect(Math.min(...sizes)).toBeGreaterThanOrEqual(18);
}

/** The codes the SMS sandbox delivered to this phone, newest first, through the app server's /__cloud. */
async function codesSentTo(phone: string): Promise<string[]> {
  const res = await fetch(new URL(`/__cloud/sandbox/sms/outbox?phone=${phone}`, journey.appUrl));
  const body = (await res.json()) as { messages: Array<{ text: string }> };
  return body.messages.map((m) => /(\d{6})/.exec(m.text)?.[1] ?? '');
}

/** Sign in on the dev sign-in page as an account the seed does not know (a new WeChat user). */
async function signInAsNewUser(tab: Tab, accountId: string) {
  const { page } = tab;
  await page.goto(`${journey.appUrl}#/pages/index/index`);
  await shown(page, '#dev-sign-in').click();
  await page.waitForURL((u) => u.pathname === '/__cloud/dev/signin');
  const me = await cloudCall(page, 'account', 'me.get', () => page.locator(`#account-${accountId}`).click());
  expect(me).toMatchObject({ role: 'guest', retiree: null, privacyAccepted: false });
  await page.waitForURL((u) => u.hash.startsWith('#/pages/index/index') && !u.href.includes('devToken'));
}

/** From an entry that needs consent: the privacy guide first, 同意并继续, then on to `route`. */
async function acceptPrivacyGuide(tab: Tab, entry: string, route: string, screenshot?: string) {
  const { page } = tab;
  await shown(page, entry).click();
  await page.waitForURL((u) => u.hash.startsWith('#/pages/privacy/index'));
  await shown(page, '.page__title').filter({ hasText: '隐私保护指引' }).waitFor();
  for (const words of ['姓名和身份证号', '手机号', '资格认证结果', '人脸信息', '谁能看到', '怎样查看、更正和删除']) {
    await shown(page, '.privacy-guide').filter({ hasText: words }).waitFor();
  }
  await expectLargeType(page);
  if (screenshot) await journey.shoot(page, screenshot);
  const accepted = await cloudCall(page, 'account', 'privacy.accept', () => shown(page, '#privacy-agree').click());
  expect(accepted).toMatchObject({ accepted: true });
  await page.waitForURL((u) => u.hash.startsWith(`#${route}`));
}

test('a new user accepts the privacy guide, binds with the texted code and is greeted by name', async () => {
  const tab = await journey.openTab();
  const { page } = tab;

  await journey.step(tab, 'newcomer-sign-in', () => journey.signIn(tab, 'newcomer'));

  await journey.step(tab, 'newcomer-home', async () => {
    await shown(page, '#entry-bind').filter({ hasText: '绑定我的退休信息' }).waitFor();
    await shown(page, '#entry-family').filter({ hasText: '帮家里老人办理' }).waitFor();
    // The four services are still there, in their order.
    const titles = await shown(page, '.entry-tile__title').allInnerTexts();
    expect(titles).toEqual(['资格认证', '活动报名', '政策问答', '通知公告']);
    await expectLargeType(page, '.home-account');
    await journey.shoot(page, 'accounts-01-guest-home.png');
  });

  await journey.step(tab, 'newcomer-privacy', () =>
    acceptPrivacyGuide(tab, '#entry-bind', '/pages/account/bind', 'accounts-02-privacy-guide.png'),
  );

  const attempt = await journey.step(tab, 'newcomer-details', async () => {
    await shown(page, '.page__title').filter({ hasText: '绑定退休信息' }).waitFor();
    await shown(page, '#bind-name input').fill(NEWCOMER_ROW.name);
    await shown(page, '#bind-id input').fill(NEWCOMER_ROW.idNumber);
    await expectLargeType(page);
    await journey.shoot(page, 'accounts-03-bind-details.png');
    return cloudCall(page, 'account', 'bind.start', () => shown(page, '#bind-send').click());
  });
  expect(attempt).toMatchObject({ attemptId: expect.any(String), message: expect.stringContaining('验证码') });

  await journey.step(tab, 'newcomer-code', async () => {
    await shown(page, '#bind-sent').filter({ hasText: '验证码' }).waitFor();
    // 重新获取 waits a minute and says so; what to do without a code is on the page.
    await expect(shown(page, '#bind-resend').textContent()).resolves.toMatch(/\d+秒后可以重新获取/);
    await shown(page, '.bind__help').filter({ hasText: '收不到验证码怎么办' }).waitFor();
    const [code] = await codesSentTo(NEWCOMER_ROW.phone);
    expect(code).toMatch(/^\d{6}$/);
    await shown(page, '#bind-code input').fill(code);
    await expectLargeType(page);
    await journey.shoot(page, 'accounts-04-bind-code.png');
    const me = await cloudCall(page, 'account', 'bind.confirm', () => shown(page, '#bind-confirm').click());
    expect(me).toMatchObject({ role: 'retiree', name: NEWCOMER_ROW.name });
    await shown(page, '#bind-done')
      .filter({ hasText: `绑定成功！${NEWCOMER_ROW.name}，您好` })
      .waitFor();
    await journey.shoot(page, 'accounts-05-bind-done.png');
  });

  await journey.step(tab, 'newcomer-home-by-name', async () => {
    await shown(page, '#bind-home').click();
    await page.waitForURL((u) => u.hash.startsWith('#/pages/index/index'));
    await shown(page, '.home-greeting')
      .filter({ hasText: `${NEWCOMER_ROW.name}，您好` })
      .waitFor();
    await shown(page, '#entry-mine').waitFor();
    expect(await shown(page, '#entry-bind').count()).toBe(0);
    await journey.shoot(page, 'accounts-06-retiree-home.png');
  });

  await journey.step(tab, 'newcomer-my-information', async () => {
    await shown(page, '#entry-mine').click();
    await page.waitForURL((u) => u.hash.startsWith('#/pages/account/mine'));
    await shown(page, '#mine-retiree')
      .filter({ hasText: masked(NEWCOMER_ROW.idNumber) })
      .waitFor();
    await shown(page, '#mine-access').filter({ hasText: '您用这个微信绑定了退休信息' }).waitFor();
    await shown(page, '#mine-consents').filter({ hasText: '隐私保护指引' }).waitFor();
    const text = (await shown(page, '.page__content').textContent()) ?? '';
    expect(text).not.toContain(NEWCOMER_ROW.idNumber);
    expect(text).not.toContain(NEWCOMER_ROW.phone);
    await expectLargeType(page);
    await journey.shoot(page, 'accounts-07-my-information.png');
  });
});

test('a child asks to help a parent who has no smartphone', async () => {
  const child = await journey.cloud.newUser('wx');
  childTab = await journey.openTab();
  const tab = childTab;
  const { page } = tab;

  await journey.step(tab, 'child-sign-in', () => signInAsNewUser(tab, child.id));
  await journey.step(tab, 'child-privacy', () => acceptPrivacyGuide(tab, '#entry-family', '/pages/family/index'));

  const sent = await journey.step(tab, 'child-request', async () => {
    await shown(page, '.page__title').filter({ hasText: '家人帮办' }).waitFor();
    await shown(page, '#family-elder-name input').fill(PARENT.name);
    await shown(page, '#family-elder-id input').fill(PARENT.idNumber);
    await shown(page, '#family-relation-1').click(); // 女儿
    await expect(shown(page, '#family-relation-1').getAttribute('aria-label')).resolves.toBe('女儿，已选中');
    await shown(page, '#family-helper-name input').fill(CHILD_NAME);
    await expectLargeType(page);
    await shown(page, '#family-submit').scrollIntoViewIfNeeded();
    await journey.shoot(page, 'accounts-08-family-request.png');
    return cloudCall(page, 'account', 'family.request', () => shown(page, '#family-submit').click());
  });
  expect(sent.message).toContain('社区');

  await journey.step(tab, 'child-sees-pending', async () => {
    await shown(page, '#family-request-sent').waitFor();
    const card = shown(page, '#family-helping .link-card').filter({ hasText: PARENT.name });
    await card.filter({ hasText: '等待长辈确认' }).waitFor();
    await card.filter({ hasText: '联系长辈所在社区' }).waitFor();
    await card.scrollIntoViewIfNeeded();
    await journey.shoot(page, 'accounts-09-family-pending.png');
  });
});

test('staff approve the request in the queue with a note of how they checked', async () => {
  const tab = await journey.openTab();
  const { page } = tab;

  await journey.step(tab, 'staff-sign-in', () => journey.signIn(tab, 'staff'));

  const linkId = await journey.step(tab, 'staff-queue', async () => {
    await shown(page, '#entry-staff-family').click();
    await page.waitForURL((u) => u.hash.startsWith('#/pages/staff/family/index'));
    const card = shown(page, '.queue-item').filter({ hasText: PARENT.name }).filter({ hasText: CHILD_NAME });
    await card.waitFor();
    // Masked ID, street and community, the helper and relation.
    await card
      .filter({ hasText: masked(PARENT.idNumber) })
      .filter({ hasText: PARENT.community })
      .filter({ hasText: '女儿' })
      .waitFor();
    expect((await card.textContent()) ?? '').not.toContain(PARENT.idNumber);
    await expectLargeType(page);
    return ((await card.getAttribute('id')) ?? '').replace(/^queue-/, '');
  });
  expect(linkId).not.toBe('');

  await journey.step(tab, 'staff-note-required', async () => {
    await shown(page, `#queue-accept-${linkId}`).click();
    await shown(page, `#queue-note-${linkId}-error`).filter({ hasText: '请写明核实方式' }).waitFor();
    expect(await shown(page, `#queue-${linkId}-confirm`).count()).toBe(0);
  });

  const reviewed = await journey.step(tab, 'staff-approve', async () => {
    await shown(page, `#queue-note-${linkId} input`).fill(NOTE);
    await shown(page, `#queue-accept-${linkId}`).click();
    // The second step, on the page: the question, then the big confirm button.
    await shown(page, '.confirm-step')
      .filter({ hasText: `确认同意 ${CHILD_NAME} 帮 ${PARENT.name} 办理？` })
      .waitFor();
    await shown(page, `#queue-${linkId}-confirm`).scrollIntoViewIfNeeded();
    await journey.shoot(page, 'accounts-10-staff-confirm.png');
    return cloudCall(page, 'account', 'family.review', () => shown(page, `#queue-${linkId}-confirm`).click());
  });
  expect(reviewed).toMatchObject({ id: linkId, status: 'active', approvedBy: 'staff', note: NOTE });

  await journey.step(tab, 'staff-approved', async () => {
    await shown(page, '#queue-news')
      .filter({ hasText: `已同意 ${CHILD_NAME} 帮 ${PARENT.name} 办理` })
      .waitFor();
    expect(await shown(page, `#queue-${linkId}`).count()).toBe(0);
    await journey.shoot(page, 'accounts-11-staff-approved.png');
  });
});

test('the child now sees the parent as linked', async () => {
  const tab = childTab;
  if (!tab) throw new Error('the child step did not run, so there is no request to see');
  const { page } = tab;

  await journey.step(tab, 'child-sees-linked', async () => {
    await page.reload();
    await shown(page, '.page__title').filter({ hasText: '家人帮办' }).waitFor();
    const card = shown(page, '#family-helping .link-card').filter({ hasText: PARENT.name });
    await card.filter({ hasText: '已关联' }).waitFor();
    await card.filter({ hasText: '工作人员已核实' }).waitFor();
    await expectLargeType(page);
    await card.scrollIntoViewIfNeeded();
    await journey.shoot(page, 'accounts-12-family-linked.png');
  });

  await journey.step(tab, 'child-home', async () => {
    await page.goto(`${journey.appUrl}#/pages/index/index`);
    await shown(page, '#home-helping')
      .filter({ hasText: `${PARENT.name}（您是女儿）` })
      .waitFor();
    await journey.shoot(page, 'accounts-13-child-home.png');
  });
});
