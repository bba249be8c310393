/**
 * End to end, in a real Chromium against the built H5 app and the real emulator: a retiree opens
 * 政策问答, types the pinyin initials "dbbz", finds the answer about 低保标准 with the matched words
 * highlighted, reads it in large type and presses 朗读. Chromium's speech is replaced, before the
 * app loads, by a stand-in that records what it is asked to say (headless Chromium has no voices).
 * Screenshots: test-artifacts/e2e/policy-*.png.
 */
import type { Page } from 'playwright-core';
import type { PolicyAnswerView, PolicySearchResult } from '../../contract/policy';
import { DEFAULT_TODAY } from '../../emulator/seed/generate';
import { demoAnswerId } from '../../emulator/seed/policy';
import { cloudCall, drawnFontSizes, type Journey, shown, startJourney } from './support/journey';

const QUERY = 'dbbz';
const DIBAO = demoAnswerId('aid-dibao');

let journey: Journey;

beforeAll(async () => {
  journey = await startJourney('policy', { functionEnv: { APP_NOW: `${DEFAULT_TODAY}T09:30:00+08:00` } });
}, 60_000);

afterAll(async () => {
  await journey?.close();
}, 30_000);

async function expectLargeType(page: Page, selector = '.page__content') {
  const sizes = await drawnFontSizes(page, selector);
  expect(sizes.length).toBeGreaterThan(3);
  expect(Math.min(...sizes)).toBeGreaterThanOrEqual(18);
}

interface Spoken {
  text: string;
  lang: string;
  rate: number;
}

/** Runs in the page before the app: `speechSynthesis` records each utterance and "finishes" it a moment later. */
function fakeSpeech() {
  const spoken: Array<{ text: string; lang: string; rate: number }> = [];
  (window as any).__spoken = spoken;
  const synth = {
    speaking: false,
    pending: false,
    paused: false,
    onvoiceschanged: null,
    getVoices: () => [],
    speak(u: SpeechSynthesisUtterance) {
      spoken.push({ text: u.text, lang: u.lang, rate: u.rate });
      setTimeout(() => u.onend?.(new Event('end') as SpeechSynthesisEvent), 20);
    },
    cancel() {},
    pause() {},
    resume() {},
    addEventListener() {},
    removeEventListener() {},
  };
  Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
}

test('the function reads "dbbz" as 低保标准 (the query this journey relies on)', async () => {
  const res = await journey.cloud.callFunction('content', { action: 'policy.search', q: QUERY });
  if (!res.ok) throw new Error(res.error.message);
  const result = res.data as PolicySearchResult;
  expect(result.hits[0]).toMatchObject({ id: DIBAO, kind: 'answer' });
  expect(result.hits[0].titleMarked).toContain('[[低保标准]]');
});

test('a retiree finds the 低保 answer by pinyin initials and listens to it', async () => {
  const tab = await journey.openTab();
  const { page } = tab;
  await page.addInitScript(fakeSpeech);
  await journey.step(tab, 'sign-in', () => journey.signIn(tab, 'retiree'));

  await journey.step(tab, 'policy-home', async () => {
    await shown(page, '#entry-policy').click();
    await page.waitForURL((u) => u.hash.startsWith('#/pages/policy/index'));
    await shown(page, '.page__title').filter({ hasText: '政策问答' }).waitFor();
    await shown(page, '#policy-categories').filter({ hasText: '社会救助（低保/特困）' }).waitFor();
    await shown(page, '#policy-answers .policy-card').first().waitFor();
    await expectLargeType(page);
    await journey.shoot(page, 'policy-01-home.png');
  });

  await journey.step(tab, 'search', async () => {
    await shown(page, '#policy-search-input input').fill(QUERY);
    const result = (await cloudCall(page, 'content', 'policy.search', () =>
      shown(page, '#policy-search-submit').click(),
    )) as PolicySearchResult;
    expect(result.hits[0].id).toBe(DIBAO);
    const hit = shown(page, `#hit-answer-${DIBAO}`);
    await hit.filter({ hasText: '低保标准是多少？怎么申请？' }).waitFor();
    // The matched words are drawn highlighted, never as brackets.
    await hit.locator('.policy-mark', { hasText: '低保标准' }).first().waitFor();
    expect(await hit.textContent()).not.toContain('[[');
    const mark = hit.locator('.policy-mark').first();
    expect(await mark.evaluate((el) => getComputedStyle(el).fontWeight)).toBe('700');
    await expectLargeType(page, '#policy-results');
    await journey.shoot(page, 'policy-02-results.png');
  });

  const answer = await journey.step(tab, 'answer', async () => {
    const opened = (await cloudCall(page, 'content', 'policy.get', () => shown(page, `#hit-answer-${DIBAO}`).click())) as PolicyAnswerView;
    await page.waitForURL((u) => u.hash.startsWith('#/pages/policy/detail'));
    await shown(page, '#policy-question').filter({ hasText: opened.question }).waitFor();
    // Rich text, drawn by the browser from the server's sanitised HTML.
    expect(opened.answerFormat).toBe('html');
    await shown(page, '#policy-answer strong').filter({ hasText: '每人每月1045元' }).waitFor();
    await shown(page, '#policy-fact-from').filter({ hasText: '2026年1月1日' }).waitFor();
    await shown(page, '#policy-related').filter({ hasText: '特困人员每月能领多少？' }).waitFor();
    // The body in large type: every element of it, and everything on the page.
    const body = await drawnFontSizes(page, '#policy-answer');
    expect(body.length).toBeGreaterThan(3);
    expect(Math.min(...body)).toBeGreaterThanOrEqual(18);
    await expectLargeType(page);
    await journey.shoot(page, 'policy-03-answer.png');
    return opened;
  });

  await journey.step(tab, 'read-aloud', async () => {
    const button = shown(page, '#policy-read-aloud');
    expect((await button.textContent())?.trim()).toBe('朗读');
    const box = await button.boundingBox();
    expect(box?.height).toBeGreaterThanOrEqual(56);
    await button.click();
    await page.waitForFunction(() => (window as any).__spoken.length > 1);
    // Done reading: the button says 朗读 again.
    await page.waitForFunction(() => document.querySelector('#policy-read-aloud')?.textContent?.trim() === '朗读');
    const spoken = (await page.evaluate(() => (window as any).__spoken)) as Spoken[];
    expect(spoken[0].text).toBe(answer.question);
    expect(
      spoken
        .map((s) => s.text)
        .join('')
        .replace(/\s+/g, ''),
    ).toBe((answer.question + answer.answerText).replace(/\s+/g, ''));
    expect(spoken.map((s) => s.text).join('')).toContain('每人每月1045元');
    for (const s of spoken) {
      expect(s.lang).toBe('zh-CN');
      expect(s.rate).toBeLessThan(1);
    }
  });

  await journey.step(tab, 'ask', async () => {
    await shown(page, '#policy-detail-ask').click();
    await page.waitForURL((u) => u.hash.startsWith('#/pages/policy/ask'));
    await shown(page, '#my-questions').waitFor();
    const question = '低保和养老金能一起领吗？';
    await shown(page, '#question-text textarea').fill(question);
    await shown(page, '#question-category-5').click();
    const asked = await cloudCall(page, 'content', 'question.ask', () => shown(page, '#question-submit').click());
    expect(asked).toMatchObject({ text: question, category: '社会救助（低保/特困）', status: 'open' });
    await shown(page, '#policy-ask-news').waitFor();
    await shown(page, '.question-card').filter({ hasText: question }).filter({ hasText: '等待答复' }).waitFor();
    await expectLargeType(page);
    await journey.shoot(page, 'policy-04-asked.png');
  });
});
