import tcb from '@cloudbase/node-sdk';
import { localSdkEnv } from '../../emulator/sdkEnv';
import { type LocalCloud, startLocalCloud } from '../support/localCloud';

/** The notices slice through the functions host and the emulator, as each role sees it. */
let cloud: LocalCloud;
let staff: string;
let retiree: string;
let db: any;

beforeAll(async () => {
  cloud = await startLocalCloud();
  Object.assign(process.env, localSdkEnv(cloud.adminUrl));
  db = tcb.init({ env: 'local-dev', serviceUrl: cloud.adminUrl, secretId: 'l', secretKey: 'l' } as any).database();
  staff = await cloud.tokenFor('staff');
  retiree = await cloud.tokenFor('retiree');
});

afterAll(async () => {
  await cloud?.stop();
});

const content = (data: Record<string, unknown>, token?: string) => cloud.callFunction('content', data, token);
const noticeCount = async () => (await db.collection('notices').count()).total as number;
let seq = 0;
const requestId = () => `test-request-${Date.now()}-${seq++}`;

test('staff publish a notice and a retiree reads it, pinned first then newest', async () => {
  const published = await content(
    {
      action: 'notice.save',
      requestId: requestId(),
      title: '重阳节慰问金发放通知',
      body: '每人150元，10月底前发到社保卡。',
      publish: true,
    },
    staff,
  );
  expect(published).toMatchObject({ ok: true, data: { status: 'published', title: '重阳节慰问金发放通知' } });

  const list = await content({ action: 'notice.list' }, retiree);
  expect(list.ok).toBe(true);
  const items = list.data.items as Array<{ id: string; pinned: boolean; publishedAt: string; status: string }>;
  expect(items.every((n) => n.status === 'published')).toBe(true);
  // Pinned first; within each group newest first.
  const firstUnpinned = items.findIndex((n) => !n.pinned);
  expect(items.slice(firstUnpinned).every((n) => !n.pinned)).toBe(true);
  expect(items[0].pinned).toBe(true);
  const unpinnedDates = items.slice(firstUnpinned).map((n) => n.publishedAt);
  expect([...unpinnedDates].sort().reverse()).toEqual(unpinnedDates);
  expect(items[firstUnpinned].id).toBe(published.data.id);

  const read = await content({ action: 'notice.get', id: published.data.id }, retiree);
  expect(read).toMatchObject({ ok: true, data: { body: '每人150元，10月底前发到社保卡。' } });
});

test('anyone may read the list, even before signing in', async () => {
  const list = await content({ action: 'notice.list' });
  expect(list.ok).toBe(true);
  expect(list.data.items.length).toBeGreaterThan(0);
});

test('a draft is seen by staff only', async () => {
  const draft = await content(
    { action: 'notice.save', requestId: requestId(), title: '草稿：春节慰问', body: '还没定', publish: false },
    staff,
  );
  expect(draft.data.status).toBe('draft');
  expect((await content({ action: 'notice.list' }, retiree)).data.items.map((n: any) => n.id)).not.toContain(draft.data.id);
  expect(await content({ action: 'notice.get', id: draft.data.id }, retiree)).toEqual({
    ok: false,
    error: { code: 'NOT_FOUND', message: '这条通知不存在或已经撤下了' },
  });
  expect((await content({ action: 'notice.get', id: draft.data.id }, staff)).ok).toBe(true);
  expect((await content({ action: 'notice.listAll' }, staff)).data.items.map((n: any) => n.id)).toContain(draft.data.id);
});

test('publish and take down', async () => {
  const n = await content({ action: 'notice.save', requestId: requestId(), title: '太极拳课调整', body: '本周四停课一次。' }, staff);
  await content({ action: 'notice.setStatus', id: n.data.id, status: 'published' }, staff);
  expect((await content({ action: 'notice.list' }, retiree)).data.items.map((x: any) => x.id)).toContain(n.data.id);
  await content({ action: 'notice.setStatus', id: n.data.id, status: 'draft' }, staff);
  expect((await content({ action: 'notice.list' }, retiree)).data.items.map((x: any) => x.id)).not.toContain(n.data.id);
});

test('a retiree may not publish, and nothing is written', async () => {
  const before = await noticeCount();
  const res = await content({ action: 'notice.save', requestId: requestId(), title: '我想发通知', body: '内容' }, retiree);
  expect(res).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: '您没有权限做这件事' } });
  expect(await content({ action: 'notice.listAll' }, retiree)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  expect(await noticeCount()).toBe(before);
});

test('without signing in, publishing asks to sign in', async () => {
  const res = await content({ action: 'notice.save', requestId: requestId(), title: 't', body: 'b' });
  expect(res).toEqual({ ok: false, error: { code: 'UNAUTHENTICATED', message: '请先登录后再操作' } });
});

test.each([
  [{ title: '', body: '正文' }, '请填写标题'],
  [{ title: '   ', body: '正文' }, '请填写标题'],
  [{ title: '标'.repeat(61), body: '正文' }, '标题不能超过60个字'],
  [{ title: '标题', body: '' }, '请填写正文'],
  [{ title: '标题', body: '正文', pinned: 'yes' }, '填写的内容不对，请检查'],
  [{ title: '标题', body: '正文', admin: true }, '提交了不认识的内容，请更新小程序后再试'],
  [{ title: 42, body: '正文' }, '请填写标题'],
])('bad input %j gets a clear Chinese error and writes nothing', async (input, message) => {
  const before = await noticeCount();
  const res = await content({ action: 'notice.save', requestId: requestId(), ...input }, staff);
  expect(res).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message } });
  expect(await noticeCount()).toBe(before);
});

test('a retried save makes one notice, even when the retries race', async () => {
  const id = requestId();
  const input = {
    action: 'notice.save',
    requestId: id,
    title: '养老助餐补贴',
    body: '60到69岁每餐补3元，70岁以上每餐补6元。',
    publish: true,
  };
  const before = await noticeCount();
  const results = await Promise.all(Array.from({ length: 6 }, () => content(input, staff)));
  const again = await content(input, staff);
  const ids = new Set([...results, again].map((r) => r.data.id));
  expect(ids.size).toBe(1);
  expect(await noticeCount()).toBe(before + 1);
});

test('an unknown action is refused in plain words', async () => {
  expect(await content({ action: 'notice.delete' }, staff)).toEqual({
    ok: false,
    error: { code: 'UNKNOWN_ACTION', message: '这个操作不存在，请更新小程序后再试' },
  });
});

test('every staff change lands in the audit log with who did it', async () => {
  const n = await content({ action: 'notice.save', requestId: requestId(), title: '审计测试', body: '正文' }, staff);
  await content({ action: 'notice.setStatus', id: n.data.id, status: 'published' }, staff);
  const { data } = await db.collection('audit_log').where({ 'target.id': n.data.id }).orderBy('at', 'asc').get();
  expect(data.map((e: any) => e.action)).toEqual(['notice.create', 'notice.publish']);
  const staffUser = (await cloud.callFunction('account', { action: 'me.get' }, staff)).data.userId;
  expect(data.every((e: any) => e.actorUserId === staffUser && e.actorRole === 'staff')).toBe(true);
});
