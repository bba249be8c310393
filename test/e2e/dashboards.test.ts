/**
 * The staff console's charts in a real Chromium (ECharts drawing SVG in the built H5 app, the real
 * emulator): certification by method and street, person-times by month. Each chart shows the
 * server's own figures — read back from the drawing and from the description a screen reader
 * gets — in letters as large as the page's, and nothing moves on its own.
 */
import type { CertificationStats } from '../../contract/certificationReports';
import type { EventStats } from '../../contract/events';
import { DEFAULT_TODAY } from '../../emulator/seed/generate';
import { cloudCall, type Journey, shown, startJourney } from './support/journey';

let journey: Journey;

beforeAll(async () => {
  journey = await startJourney('dashboards', { functionEnv: { APP_NOW: `${DEFAULT_TODAY}T09:30:00+08:00` } });
}, 60_000);

afterAll(async () => {
  await journey?.close();
}, 30_000);

test('staff see certification by method and street, and person-times by month, as charts of the server’s figures', async () => {
  const tab = await journey.openTab();
  const { page } = tab;
  await journey.step(tab, 'sign-in', () => journey.signIn(tab, 'staff'));

  await journey.step(tab, 'certification-chart', async () => {
    const stats = (await cloudCall(page, 'certification', 'stats.get', () =>
      shown(page, '#entry-staff-cert-stats').click(),
    )) as CertificationStats;
    const chart = shown(page, '#stats-chart-methods');
    await chart.locator('svg').waitFor();
    // The description a screen reader reads: every street with its figures.
    const label = (await chart.getAttribute('aria-label')) ?? '';
    expect(label).toContain('已认证的人是怎么认证的');
    for (const row of stats.byStreet) {
      expect(label).toContain(`${row.street}：`);
      expect(label).toContain(`大数据比对${row.byMethod.data}人`);
    }
    // The streets are written under their bars, at the page's text size.
    const axis = await chart
      .locator('svg text')
      .evaluateAll((els) => els.map((el) => ({ text: el.textContent ?? '', size: Number.parseFloat(getComputedStyle(el).fontSize) })));
    for (const row of stats.byStreet) expect(axis.map((a) => a.text)).toContain(row.street);
    expect(Math.min(...axis.map((a) => a.size))).toBeGreaterThanOrEqual(16);
    // One stacked bar per street and method with people in it (ECharts draws a path per bar).
    const withPeople = stats.byStreet.reduce((n, r) => n + Object.values(r.byMethod).filter((v) => v > 0).length, 0);
    expect(await chart.locator('svg path[fill]').count()).toBeGreaterThanOrEqual(withPeople);
    await chart.scrollIntoViewIfNeeded();
    await journey.shoot(page, 'dashboards-01-certification.png');
  });

  await journey.step(tab, 'events-chart', async () => {
    await page.goto(`${journey.appUrl}#/pages/index/index`);
    const stats = (await cloudCall(page, 'events', 'stats.get', () => shown(page, '#entry-staff-event-stats').click())) as EventStats;
    const chart = shown(page, '#event-stats-month-chart');
    await chart.locator('svg').waitFor();
    const label = (await chart.getAttribute('aria-label')) ?? '';
    for (const m of stats.byMonth) expect(label).toContain(`${m.month}月：${m.personTimes}人次`);
    // Every month's number is written on its bar, not only drawn.
    const texts = await chart.locator('svg text').allTextContents();
    for (const m of stats.byMonth.filter((x) => x.personTimes > 0)) expect(texts).toContain(String(m.personTimes));
    // Nothing animates: the drawing is the same a second later.
    const before = await chart.locator('svg').innerHTML();
    await page.waitForTimeout(1000);
    expect(await chart.locator('svg').innerHTML()).toBe(before);
    await chart.scrollIntoViewIfNeeded();
    await journey.shoot(page, 'dashboards-02-events.png');
  });

  await journey.step(tab, 'wide-console', async () => {
    // On a PC the console pages use the width for their tables; reading pages keep a readable line length.
    await page.setViewportSize({ width: 1280, height: 900 });
    const widthOf = async (route: string) => {
      await page.goto('about:blank');
      await page.goto(`${journey.appUrl}#${route}`);
      await shown(page, '.page__content').waitFor();
      return shown(page, '.page').evaluate((el) => el.getBoundingClientRect().width);
    };
    expect(await widthOf('/pages/staff/certification/index')).toBeGreaterThan(1200);
    expect(await widthOf('/pages/notices/index')).toBeLessThanOrEqual(1000);
    await page.goto(`${journey.appUrl}#/pages/staff/certification/index`);
    await shown(page, '#stats-chart-methods svg').waitFor();
    await journey.shoot(page, 'dashboards-03-console-wide.png');
  });
}, 120_000);
