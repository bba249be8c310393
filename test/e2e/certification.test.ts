/**
 * End to end, in a real Chromium against the built H5 app and the real emulator with its
 * Tencent Cloud 慧眼 sandbox: an overdue retiree certifies by face (the provider's page,
 * then back to the app); a child certifies for the parent they help, after a first try
 * that does not match; staff find a retiree and record an on-site certification.
 * Screenshots: test-artifacts/e2e/certification-*.png.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { DEFAULT_TODAY, generateDemoData } from '../../emulator/seed/generate';
import { drawnFontSizes, type Journey, root, shown, startJourney } from './support/journey';

const roster = generateDemoData({ scale: 'demo' }).roster;
/** Helped by the demo account 'family'; due soon. */
const PARENT = roster[2];

let journey: Journey;

beforeAll(async () => {
  journey = await startJourney('certification', { functionEnv: { APP_NOW: `${DEFAULT_TODAY}T10:00:00+08:00` } });
}, 60_000);

afterAll(async () => {
  await journey?.close();
}, 30_000);

async function expectLargeType(page: Page, selector = '.page__content') {
  const sizes = await drawnFontSizes(page, selector);
  expect(sizes.length).toBeGreaterThan(3);
  expect(Math.min(...sizes)).toBeGreaterThanOrEqual(18);
}

/** On the provider's (sandbox) page: pick what happens, and come back to the app. */
async function onProviderPage(page: Page, choice: 'pass' | 'face_mismatch') {
  await page.waitForURL((u) => u.pathname === '/sandbox/faceid/verify');
  await page.locator(`button[value="${choice}"]`).click();
  await page.waitForURL((u) => u.hash.startsWith('#/pages/certify/index'));
}

test('an overdue retiree certifies by face in the browser and the home screen says so', async () => {
  const tab = await journey.openTab();
  const { page } = tab;
  await journey.step(tab, 'sign-in', () => journey.signIn(tab, 'retiree2'));

  await journey.step(tab, 'home-card', async () => {
    const card = shown(page, '#cert-status-self');
    await card.filter({ hasText: '认证已过期' }).waitFor();
    await journey.shoot(page, 'certification-01-overdue-home.png');
    await shown(page, '#cert-status-self-go').click();
  });

  await journey.step(tab, 'consent-and-start', async () => {
    await shown(page, '#certify-consent').filter({ hasText: '不保存任何照片或视频' }).waitFor();
    await expectLargeType(page);
    await journey.shoot(page, 'certification-02-before.png');
    await shown(page, '#certify-start').click();
  });

  await journey.step(tab, 'provider', async () => {
    await onProviderPage(page, 'pass');
    await journey.shoot(page, 'certification-03-back.png');
  });

  await journey.step(tab, 'passed', async () => {
    const passed = shown(page, '#certify-passed');
    await passed.filter({ hasText: '认证已完成' }).waitFor();
    await shown(page, '#certify-history').filter({ hasText: '刷脸（本人）' }).waitFor();
    await expectLargeType(page);
    await journey.shoot(page, 'certification-04-passed.png');
    await shown(page, '#certify-home').click();
    await shown(page, '#cert-status-self').filter({ hasText: '已通过刷脸认证' }).waitFor();
  });
});

test('a child certifies for the parent they help: first the face does not match, then it passes', async () => {
  const tab = await journey.openTab();
  const { page } = tab;
  await journey.step(tab, 'sign-in', () => journey.signIn(tab, 'family'));

  await journey.step(tab, 'parent-card', async () => {
    const go = shown(page, '[id^="cert-status-"][id$="-go"]');
    await go.filter({ hasText: `帮${PARENT.name}认证` }).click();
    await shown(page, '#certify-status')
      .filter({ hasText: `${PARENT.name}的资格认证` })
      .waitFor();
    await shown(page, '.certify__steps')
      .filter({ hasText: `请${PARENT.name}本人` })
      .waitFor();
    await shown(page, '#certify-start').click();
  });

  await journey.step(tab, 'mismatch', async () => {
    await onProviderPage(page, 'face_mismatch');
    const failed = shown(page, '#certify-failed');
    await failed.filter({ hasText: '和身份证照片对不上' }).waitFor();
    expect(await failed.textContent()).toContain('今天还可以再试4次');
    await journey.shoot(page, 'certification-05-family-mismatch.png');
    await shown(page, '#certify-again').click();
    await shown(page, '#certify-start').click();
  });

  await journey.step(tab, 'pass', async () => {
    await onProviderPage(page, 'pass');
    await shown(page, '#certify-passed')
      .filter({ hasText: `${PARENT.name}的认证已完成` })
      .waitFor();
    await shown(page, '#certify-history').filter({ hasText: '家人帮助刷脸' }).waitFor();
    await journey.shoot(page, 'certification-06-family-passed.png');
  });
});

test('staff find a retiree by the last four digits of the phone and record an on-site certification', async () => {
  const tab = await journey.openTab();
  const { page } = tab;
  const person = roster[4];
  await journey.step(tab, 'sign-in', () => journey.signIn(tab, 'staff'));

  await journey.step(tab, 'find', async () => {
    await shown(page, '#entry-staff-certify').click();
    await shown(page, '#staff-certify-q input').fill(person.phone!.slice(-4));
    await shown(page, '#staff-certify-search').click();
    await shown(page, '[id^="staff-certify-person-"]').filter({ hasText: person.name }).first().waitFor();
    await journey.shoot(page, 'certification-07-staff-found.png');
  });

  await journey.step(tab, 'record', async () => {
    await shown(page, '[id^="staff-certify-person-"]').filter({ hasText: person.name }).locator('[id^="staff-certify-record-"]').click();
    await shown(page, '#staff-certify-submit').click();
    await shown(page, '#staff-certify-confirm-confirm').click();
    await shown(page, '#staff-certify-done')
      .filter({ hasText: `已登记${person.name}的认证` })
      .waitFor();
    await journey.shoot(page, 'certification-08-staff-recorded.png');
  });
});

test('staff run a comparison file and the statistics move by the people it certified', async () => {
  const tab = await journey.openTab();
  const { page } = tab;
  const byData = async () => {
    const text = (await shown(page, '#stats-summary').textContent()) ?? '';
    const m = /大数据比对 (\d+) 人/.exec(text);
    if (!m) throw new Error(`no data-comparison figure in: ${text}`);
    return Number(m[1]);
  };
  await journey.step(tab, 'sign-in', () => journey.signIn(tab, 'staff'));

  let before = 0;
  await journey.step(tab, 'statistics-before', async () => {
    await shown(page, '#entry-staff-cert-stats').click();
    await shown(page, '#stats-summary').waitFor();
    before = await byData();
    await journey.shoot(page, 'certification-09-stats-before.png');
    await page.goBack();
  });

  let certified = 0;
  await journey.step(tab, 'comparison', async () => {
    await shown(page, '#entry-staff-comparison').click();
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), shown(page, '#match-choose').click()]);
    await chooser.setFiles(path.join(root, 'emulator/seed/demo-evidence.csv'));
    await shown(page, '#match-picked').waitFor();
    await shown(page, '#match-start').click();
    await shown(page, '#match-summary').filter({ hasText: '本次认证' }).waitFor({ timeout: 60_000 });
    certified = Number((await shown(page, '#match-certified .comparison__figure-value').textContent())?.trim());
    expect(certified).toBeGreaterThan(0);
    await journey.shoot(page, 'certification-10-comparison-done.png');
    await page.goBack();
  });

  await journey.step(tab, 'statistics-after', async () => {
    await shown(page, '#entry-staff-cert-stats').click();
    await page.waitForFunction(
      (expected) => {
        const all = document.querySelectorAll('#stats-summary');
        const el = all[all.length - 1];
        return !!el && el.textContent?.includes(`大数据比对 ${expected} 人`);
      },
      before + certified,
      { timeout: 15_000 },
    );
    expect(await byData()).toBe(before + certified);
    await journey.shoot(page, 'certification-11-stats-after.png');
  });
}, 120_000);
