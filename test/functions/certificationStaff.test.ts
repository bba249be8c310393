import { DEFAULT_TODAY, generateDemoData } from '../../emulator/seed/generate';
import { type LocalCloud, startLocalCloud } from '../support/localCloud';

/**
 * Staff certify those who cannot use a smartphone: they find the person (by name, or the
 * last four digits of the ID or phone number, within their streets), record an on-site or
 * home-visit certification (once, however often the request is retried), and share out the
 * home-visit list. The retiree sees the result at once, with who did it and where.
 */
const roster = generateDemoData({ scale: 'demo' }).roster;
let cloud: LocalCloud;
let seq = 0;
const rid = () => `staff-cert-${Date.now().toString(36)}-${seq++}`;

beforeAll(async () => {
  cloud = await startLocalCloud({ functionEnv: { APP_NOW: `${DEFAULT_TODAY}T10:00:00+08:00` } });
});

afterAll(async () => {
  await cloud?.stop();
});

const as = async (account: string, data: Record<string, unknown>) =>
  cloud.callFunction('certification', data, await cloud.tokenFor(account));

// roster[1] (谢德福, 新阳街道) is bound to the demo account 'retiree2' and is overdue on the demo's today.
const overdue = roster[1];
// roster[2] (林建平, 海沧街道) is helped by 'family'; street staff of 新阳 may not see him.
const elsewhere = roster[2];

test('street staff find a person by name, by ID tail and by phone tail, only in their streets', async () => {
  const byName = await as('staff-street', { action: 'staff.find', q: overdue.name.slice(0, 2) });
  expect(byName.ok).toBe(true);
  expect(byName.data.map((p: any) => p.name)).toContain(overdue.name);
  const found = byName.data.find((p: any) => p.name === overdue.name);
  expect(found).toMatchObject({ street: '新阳街道', bound: true, status: { state: 'overdue' } });
  expect(found.idMasked).toMatch(/^\d{4}\*+\d{3}[\dX]$/);
  expect(JSON.stringify(byName.data)).not.toContain(overdue.idNumber);

  const byPhone = await as('staff-street', { action: 'staff.find', q: overdue.phone!.slice(-4) });
  expect(byPhone.data.map((p: any) => p.id)).toContain(found.id);
  const byId = await as('staff-street', { action: 'staff.find', q: overdue.idNumber.slice(-4) });
  expect(byId.data.map((p: any) => p.id)).toContain(found.id);

  const outside = await as('staff-street', { action: 'staff.find', q: elsewhere.name });
  expect(outside.data).toEqual([]);
  const district = await as('staff', { action: 'staff.find', q: elsewhere.name });
  expect(district.data.map((p: any) => p.name)).toContain(elsewhere.name);

  const nonsense = await as('staff-street', { action: 'staff.find', q: 'abc' });
  expect(nonsense.error).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('后4位') });
});

test('an on-site certification is recorded once however often it is retried, and the retiree sees it', async () => {
  const [found] = (await as('staff-street', { action: 'staff.find', q: overdue.name })).data;
  const requestId = rid();
  const input = {
    action: 'staff.record',
    retireeId: found.id,
    method: 'onsite',
    place: '新垵社区服务站',
    note: '本人持身份证到场',
    requestId,
  };
  const first = await as('staff-street', input);
  expect(first).toMatchObject({ ok: true, data: { status: { state: 'certified', lastCertifiedAt: DEFAULT_TODAY } } });
  const again = await as('staff-street', input);
  expect(again.ok).toBe(true);

  const history = await as('retiree2', { action: 'history.get', retireeId: found.id });
  expect(history.data).toHaveLength(1);
  expect(history.data[0]).toMatchObject({
    day: DEFAULT_TODAY,
    method: 'onsite',
    methodWords: '现场',
    byWords: '工作人员 林志明',
    place: '新垵社区服务站',
  });
  const mine = await as('retiree2', { action: 'status.mine' });
  expect(mine.data.self).toMatchObject({ state: 'certified', lastCertifiedAt: DEFAULT_TODAY });
  expect(mine.data.self.headline).toContain('通过现场认证');

  const audit = await cloud.callFunction(
    'account',
    { action: 'audit.search', kind: 'certification.record' },
    await cloud.tokenFor('admin'),
  );
  const recorded = audit.data.items.filter((e: any) => e.target.collection === 'certifications' && e.detail.place === '新垵社区服务站');
  expect(recorded).toHaveLength(1);
});

test('bad dates and people outside the streets are refused and write nothing', async () => {
  const [found] = (await as('staff', { action: 'staff.find', q: roster[4].name })).data;
  const before = (await as('staff', { action: 'history.get', retireeId: found.id })).data.length;
  const base = { action: 'staff.record', retireeId: found.id, method: 'home_visit', place: '老人家中' };
  const future = await as('staff', { ...base, day: '2026-11-24', requestId: rid() });
  expect(future.error).toMatchObject({ code: 'INVALID_INPUT', message: '认证日期不能晚于今天' });
  const tooOld = await as('staff', { ...base, day: '2026-10-23', requestId: rid() });
  expect(tooOld.error).toMatchObject({ code: 'INVALID_INPUT', message: '只能补记30天以内的认证' });
  const noPlace = await as('staff', { ...base, place: ' ', requestId: rid() });
  expect(noPlace.error).toMatchObject({ code: 'INVALID_INPUT', message: '请填写认证地点' });
  expect((await as('staff', { action: 'history.get', retireeId: found.id })).data).toHaveLength(before);

  const [far] = (await as('staff', { action: 'staff.find', q: elsewhere.name })).data;
  const outside = await as('staff-street', { ...base, retireeId: far.id, requestId: rid() });
  expect(outside.error.code).toBe('NOT_FOUND');
  expect((await as('staff', { action: 'history.get', retireeId: far.id })).data).toHaveLength(0);

  // Recording an older visit does not move a later certification back.
  const backdated = await as('staff', { ...base, day: '2026-11-01', requestId: rid() });
  expect(backdated.ok).toBe(true);
  const later = roster[4].lastCertifiedAt as string;
  expect(backdated.data.status.lastCertifiedAt).toBe(later > '2026-11-01' ? later : '2026-11-01');
});

test('the home-visit list: unbound people due soon or overdue, assigned to a worker, off the list once visited', async () => {
  const all = await as('staff', { action: 'homeVisit.list', assignee: 'all' });
  expect(all.ok).toBe(true);
  expect(all.data.total).toBeGreaterThan(0);
  for (const p of all.data.items) {
    expect(p.bound).toBe(false);
    expect(['due_soon', 'overdue', 'suspended', 'never']).toContain(p.status.state);
  }
  // Street staff see only theirs.
  const street = await as('staff-street', { action: 'homeVisit.list', assignee: 'all' });
  for (const p of street.data.items) expect(p.street).toBe('新阳街道');

  const target = street.data.items[0];
  const me = await cloud.callFunction('account', { action: 'me.get' }, await cloud.tokenFor('staff-street'));
  const assigned = await as('staff-street', { action: 'homeVisit.assign', retireeIds: [target.id], assigneeUserId: me.data.userId });
  expect(assigned).toMatchObject({ ok: true, data: { assigned: 1, assigneeName: '林志明' } });
  const mine = await as('staff-street', { action: 'homeVisit.list', assignee: 'mine' });
  expect(mine.data.items.map((p: any) => p.id)).toEqual([target.id]);
  expect(mine.data.items[0]).toMatchObject({ assigneeName: '林志明' });

  // A worker who does not serve the street cannot be given it.
  const far = (await as('staff', { action: 'homeVisit.list', assignee: 'all' })).data.items.find((p: any) => p.street !== '新阳街道');
  if (far) {
    const wrong = await as('staff', { action: 'homeVisit.assign', retireeIds: [far.id], assigneeUserId: me.data.userId });
    expect(wrong.error).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('不负责') });
  }

  const visited = await as('staff-street', {
    action: 'staff.record',
    retireeId: target.id,
    method: 'home_visit',
    place: `${target.community} 老人家中`,
    requestId: rid(),
  });
  expect(visited.data.status.state).toBe('certified');
  const after = await as('staff-street', { action: 'homeVisit.list', assignee: 'mine' });
  expect(after.data.items).toEqual([]);
  const again = await as('staff-street', { action: 'homeVisit.list', assignee: 'all' });
  expect(again.data.items.map((p: any) => p.id)).not.toContain(target.id);
});
