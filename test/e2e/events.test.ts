/**
 * End to end, in a real Chromium against the built H5 app and the real emulator: staff publish
 * a lecture for this morning from the console; a retiree registers and opens the check-in code;
 * a daughter registers the parent she helps; staff check the retiree in by the six digits and
 * the parent from the list; the statistics count both person-times.
 * Screenshots: test-artifacts/e2e/events-*.png.
 */
import type { Page } from 'playwright-core';
import { DEFAULT_TODAY, generateDemoData } from '../../emulator/seed/generate';
import { drawnFontSizes, type Journey, shown, startJourney } from './support/journey';

const roster = generateDemoData({ scale: 'demo' }).roster;
/** Helped by the demo account 'family'. */
const PARENT = roster[2];
const TITLE = '社区反诈知识讲座';

let journey: Journey;

beforeAll(async () => {
  // Monday 09:30: the lecture starts at 11:00 (registration closes an hour before, by default).
  journey = await startJourney('events', { functionEnv: { APP_NOW: `${DEFAULT_TODAY}T09:30:00+08:00` } });
}, 60_000);

afterAll(async () => {
  await journey?.close();
}, 30_000);

async function expectLargeType(page: Page, selector = '.page__content') {
  const sizes = await drawnFontSizes(page, selector);
  expect(sizes.length).toBeGreaterThan(3);
  expect(Math.min(...sizes)).toBeGreaterThanOrEqual(18);
}

const personTimes = async (page: Page) => {
  const text = (await shown(page, '#event-stats-person-times').textContent()) ?? '';
  const m = /([\d,]+)\s*人次/.exec(text);
  if (!m) throw new Error(`no person-times in: ${text}`);
  return Number(m[1].replace(/,/g, ''));
};

let digits = '';
let before = 0;

test('staff publish a lecture for this morning from the console', async () => {
  const tab = await journey.openTab();
  const { page } = tab;
  await journey.step(tab, 'sign-in', () => journey.signIn(tab, 'staff'));

  await journey.step(tab, 'statistics-before', async () => {
    await shown(page, '#entry-staff-event-stats').click();
    await shown(page, '#event-stats-summary').waitFor();
    before = await personTimes(page);
    expect(before).toBeGreaterThan(0); // this year's history in the demo data
    await page.goBack();
  });

  await journey.step(tab, 'editor', async () => {
    await shown(page, '#entry-staff-events').click();
    await shown(page, '#events-new').click();
    await shown(page, '#event-kind-lecture').click();
    await shown(page, '#event-title input').fill(TITLE);
    await shown(page, '#event-place-name input').fill('新阳街道文体中心');
    await shown(page, '#event-address input').fill('厦门市海沧区新阳路1号');
    await shown(page, '#event-schedule-type-once').click();
    await shown(page, '#event-date input').fill(DEFAULT_TODAY);
    await shown(page, '#event-start input').fill('11:00');
    await shown(page, '#event-end input').fill('12:00');
    await shown(page, '#event-capacity input').fill('30');
    await journey.shoot(page, 'events-01-editor.png');
    await shown(page, '#event-save').click();
    await page.getByText(`「${TITLE}」已保存为草稿`).first().waitFor();
  });

  await journey.step(tab, 'publish', async () => {
    const card = shown(page, '[id^="event-"].events-staff__card').filter({ hasText: TITLE });
    await card.locator('[id$="-publish-start"]').click();
    await card.locator('[id$="-publish-confirm"]').click();
    await card.filter({ hasText: '已发布' }).waitFor();
    await journey.shoot(page, 'events-02-published.png');
  });
});

test('a retiree registers and opens the check-in code', async () => {
  const tab = await journey.openTab();
  const { page } = tab;
  await journey.step(tab, 'sign-in', () => journey.signIn(tab, 'retiree'));

  await journey.step(tab, 'week', async () => {
    await shown(page, '#entry-events').click();
    const card = shown(page, '[id^="occ-"]').filter({ hasText: TITLE });
    await card.filter({ hasText: '剩余30个名额' }).waitFor();
    await expectLargeType(page);
    await journey.shoot(page, 'events-03-week.png');
    await card.click();
  });

  await journey.step(tab, 'register', async () => {
    const register = shown(page, '[id^="register-"]').filter({ hasText: '为自己报名' });
    await register.click();
    await page.getByText('报名成功').first().waitFor();
    await shown(page, '#event-room').filter({ hasText: '剩余29个名额' }).waitFor();
    await journey.shoot(page, 'events-04-registered.png');
  });

  await journey.step(tab, 'check-in-code', async () => {
    await page.goBack();
    await shown(page, '#events-mine').click();
    await shown(page, '[id^="reg-"]').filter({ hasText: TITLE }).locator('[id$="-checkin"]').click();
    await shown(page, '#checkin-qr').waitFor();
    digits = ((await shown(page, '#checkin-digits').textContent()) ?? '').replace(/\D/g, '');
    expect(digits).toMatch(/^\d{6}$/);
    const box = await shown(page, '#checkin-qr').boundingBox();
    expect(box?.width).toBeGreaterThanOrEqual(260);
    await journey.shoot(page, 'events-05-code.png');
  });
});

test('a daughter registers the parent she helps', async () => {
  const tab = await journey.openTab();
  const { page } = tab;
  await journey.step(tab, 'sign-in', () => journey.signIn(tab, 'family'));
  await journey.step(tab, 'register-parent', async () => {
    await shown(page, '#entry-events').click();
    await shown(page, '[id^="occ-"]').filter({ hasText: TITLE }).click();
    await shown(page, '[id^="register-"]')
      .filter({ hasText: `为${PARENT.name}报名` })
      .click();
    await page.getByText(`已为${PARENT.name}报名成功`).first().waitFor();
    await journey.shoot(page, 'events-06-parent-registered.png');
  });
});

test('staff check both in, by the six digits and from the list, and the statistics count them', async () => {
  const tab = await journey.openTab();
  const { page } = tab;
  await journey.step(tab, 'sign-in', () => journey.signIn(tab, 'staff'));

  await journey.step(tab, 'open-check-in', async () => {
    await shown(page, '#entry-staff-events').click();
    const card = shown(page, '[id^="event-"].events-staff__card').filter({ hasText: TITLE });
    await card.locator('[id$="-toggle"]').click();
    await shown(page, '[id^="occ-"][id$="-checkin"]').first().click();
    await shown(page, '#checkin-counts').filter({ hasText: '已报名 2 人' }).waitFor();
  });

  await journey.step(tab, 'by-digits', async () => {
    await shown(page, '#checkin-no-camera').waitFor();
    await shown(page, '#checkin-code input').fill(digits);
    await shown(page, '#checkin-code-submit').click();
    await shown(page, '#checkin-result').filter({ hasText: '签到成功' }).waitFor();
    await journey.shoot(page, 'events-07-checked-in-by-code.png');
  });

  await journey.step(tab, 'from-the-list', async () => {
    const line = shown(page, '[id^="attendee-"].events-staff__line').filter({ hasText: PARENT.name });
    await line.locator('[id$="-mark"]').click();
    await line.filter({ hasText: '09:30 已签到' }).waitFor();
    await shown(page, '#checkin-counts').filter({ hasText: '已签到 2 人' }).waitFor();
    await journey.shoot(page, 'events-08-both-checked-in.png');
  });

  await journey.step(tab, 'statistics-after', async () => {
    await page.goBack();
    await page.goBack();
    await shown(page, '#entry-staff-event-stats').click();
    await page.waitForFunction(
      (expected) => {
        const all = document.querySelectorAll('#event-stats-person-times');
        const el = all[all.length - 1];
        return !!el && (el.textContent ?? '').replace(/,/g, '').includes(`${expected}`);
      },
      before + 2,
      { timeout: 15_000 },
    );
    expect(await personTimes(page)).toBe(before + 2);
    await journey.shoot(page, 'events-09-statistics.png');
  });
}, 120_000);
