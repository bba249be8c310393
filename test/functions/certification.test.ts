import { DEFAULT_RULES, statusWords } from '../../contract/certification';
import { DEFAULT_TODAY, generateDemoData } from '../../emulator/seed/generate';
import { type LocalCloud, startLocalCloud } from '../support/localCloud';

/**
 * Where each person stands, through the certification function: the demo retirees are
 * certified, overdue and due soon on the demo's "today"; a family member sees the elder
 * they help, and stops seeing them the moment the link ends.
 */
const roster = generateDemoData({ scale: 'demo' }).roster;
let cloud: LocalCloud;

beforeAll(async () => {
  // The demo data's dates are relative to its "today"; the functions' clock is set to it.
  cloud = await startLocalCloud({ functionEnv: { APP_NOW: `${DEFAULT_TODAY}T09:30:00+08:00` } });
});

afterAll(async () => {
  await cloud?.stop();
});

const certification = async (account: string) =>
  cloud.callFunction('certification', { action: 'status.mine' }, await cloud.tokenFor(account));
const words = (i: number) => statusWords({ lastCertifiedAt: roster[i].lastCertifiedAt }, DEFAULT_RULES, DEFAULT_TODAY);

test('a retiree certified 95 days ago has nothing to do; one 395 days ago is overdue', async () => {
  const mine = await certification('retiree');
  expect(mine).toMatchObject({
    ok: true,
    data: { self: { name: roster[0].name, state: 'certified', lastCertifiedAt: roster[0].lastCertifiedAt }, elders: [] },
  });
  expect(mine.data.self.headline).toBe(words(0).headline);
  expect(mine.data.self.headline).toMatch(/^已认证，下次请在\d{4}年\d{1,2}月\d{1,2}日前认证$/);

  const late = await certification('retiree2');
  expect(late.data.self).toMatchObject({ state: 'overdue', headline: words(1).headline });
  expect(late.data.self.headline).toContain('认证已过期');
});

test('a family member sees the elder they help, due soon, and not after the link ends', async () => {
  const before = await certification('family');
  expect(before.data.self).toBeNull();
  expect(before.data.elders).toEqual([expect.objectContaining({ name: roster[2].name, state: 'due_soon', headline: words(2).headline })]);
  expect(before.data.elders[0].headline).toMatch(/^请在\d{1,2}月\d{1,2}日前完成认证$/);

  const token = await cloud.tokenFor('family');
  const mine = await cloud.callFunction('account', { action: 'family.mine' }, token);
  await cloud.callFunction('account', { action: 'family.end', linkId: mine.data.helping[0].id }, token);
  expect((await certification('family')).data).toEqual({ self: null, elders: [] });
});

test('staff have no status of their own here; nobody signed in gets asked to sign in', async () => {
  expect((await certification('staff')).error.code).toBe('FORBIDDEN');
  const anonymous = await cloud.callFunction('certification', { action: 'status.mine' });
  expect(anonymous.error.code).toBe('UNAUTHENTICATED');
});
