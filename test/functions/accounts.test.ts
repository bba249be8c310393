import tcb from '@cloudbase/node-sdk';
import { BIND_ATTEMPTS_PER_DAY, MAX_HELPERS, PRIVACY_VERSION } from '../../contract/accounts';
import { checkDigit } from '../../contract/idCard';
import { localSdkEnv } from '../../emulator/sdkEnv';
import { generateDemoData } from '../../emulator/seed/generate';
import { type LocalCloud, startLocalCloud } from '../support/localCloud';

/**
 * Accounts and trust through the functions host and the emulator: binding by SMS code,
 * family links (elder's confirmation and staff approval, the limit, ending), staff scope,
 * masking, reveals in the audit log, staff invitations, unbinding.
 */
let cloud: LocalCloud;
let db: any;
const demo = generateDemoData({ scale: 'demo' });
const roster = demo.roster;
const tokens: Record<string, string> = {};
/** Checksum-valid, and issued to no one in the demo roster. */
const UNKNOWN_ID = `99020519500101009${checkDigit('99020519500101009')}`;

beforeAll(async () => {
  cloud = await startLocalCloud();
  Object.assign(process.env, localSdkEnv(cloud.adminUrl));
  db = tcb.init({ env: 'local-dev', serviceUrl: cloud.adminUrl, secretId: 'l', secretKey: 'l' } as any).database();
  for (const id of ['retiree', 'retiree2', 'family', 'staff', 'staff-street', 'admin']) tokens[id] = await cloud.tokenFor(id);
});

afterAll(async () => {
  await cloud?.stop();
});

const account = (data: Record<string, unknown>, token?: string) => cloud.callFunction('account', data, token);
let seq = 0;
const requestId = () => `req-${Date.now().toString(36)}-${seq++}`;
const count = async (collection: string, where: Record<string, unknown> = {}) =>
  (await db.collection(collection).where(where).count()).total as number;

/** The texts the SMS sandbox "delivered" to a phone, newest first. */
async function smsTo(phone: string): Promise<string[]> {
  const res = await fetch(`${cloud.url}/sandbox/sms/outbox?phone=${phone}`);
  const body = (await res.json()) as { messages: Array<{ text: string }> };
  return body.messages.map((m) => m.text);
}
const codeIn = (text: string) => /(\d{6})/.exec(text)?.[1] ?? '';

async function newWeChatUser(opts: { consent?: boolean } = {}) {
  const { token } = await cloud.newUser('wx');
  if (opts.consent !== false)
    expect(await account({ action: 'privacy.accept', version: PRIVACY_VERSION }, token)).toMatchObject({ ok: true });
  return token;
}

/** Binds a fresh WeChat user to roster row `i` and returns its token. */
async function bindNewUser(i: number) {
  const token = await newWeChatUser();
  const start = await account({ action: 'bind.start', name: roster[i].name, idNumber: roster[i].idNumber, requestId: requestId() }, token);
  expect(start).toMatchObject({ ok: true });
  const [latest] = await smsTo(roster[i].phone);
  const done = await account({ action: 'bind.confirm', attemptId: start.data.attemptId, code: codeIn(latest) }, token);
  expect(done).toMatchObject({ ok: true, data: { role: 'retiree' } });
  return token;
}

describe('binding', () => {
  test('nothing happens before the privacy guide is accepted', async () => {
    const token = await newWeChatUser({ consent: false });
    const before = await count('bind_attempts');
    const res = await account({ action: 'bind.start', name: roster[3].name, idNumber: roster[3].idNumber, requestId: requestId() }, token);
    expect(res).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(res.error.message).toContain('隐私保护指引');
    expect(await count('bind_attempts')).toBe(before);
    expect(await smsTo(roster[3].phone)).toEqual([]);
  });

  test('a new user binds with the code sent to the roster phone; a retry sends nothing more', async () => {
    const token = await newWeChatUser();
    const me0 = await account({ action: 'me.get' }, token);
    expect(me0.data).toMatchObject({ role: 'guest', privacyAccepted: true, retiree: null });

    const input = { action: 'bind.start', name: roster[3].name, idNumber: roster[3].idNumber, requestId: requestId() };
    const start = await account(input, token);
    expect(start).toMatchObject({ ok: true, data: { expiresInMinutes: 10 } });
    const again = await account(input, token);
    expect(again.data.attemptId).toBe(start.data.attemptId);
    const texts = await smsTo(roster[3].phone);
    expect(texts).toHaveLength(1);
    expect(texts[0]).toContain('验证码');

    const wrong = String((Number(codeIn(texts[0])) + 1) % 1_000_000).padStart(6, '0');
    const miss = await account({ action: 'bind.confirm', attemptId: start.data.attemptId, code: wrong }, token);
    expect(miss).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: '验证码不对，还可以再试4次' } });

    const done = await account({ action: 'bind.confirm', attemptId: start.data.attemptId, code: codeIn(texts[0]) }, token);
    expect(done).toMatchObject({ ok: true, data: { role: 'retiree', name: roster[3].name } });
    expect(done.data.retiree).toMatchObject({ name: roster[3].name, street: roster[3].street, bound: true });
    expect(done.data.retiree.idMasked).toMatch(/^\d{4}\*{10}[\dX]{4}$/);
    expect(JSON.stringify(done)).not.toContain(roster[3].idNumber);
    expect(JSON.stringify(done)).not.toContain(roster[3].phone);

    // The code cannot be used twice.
    const replay = await account({ action: 'bind.confirm', attemptId: start.data.attemptId, code: codeIn(texts[0]) }, token);
    expect(replay).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  test('when the text could not be sent, trying again sends it (once)', async () => {
    const token = await newWeChatUser();
    await fetch(`${cloud.url}/sandbox/sms/script`, { method: 'PUT', body: JSON.stringify({ next: 'provider_error', count: 1 }) });
    const input = { action: 'bind.start', name: roster[10].name, idNumber: roster[10].idNumber, requestId: requestId() };
    const failed = await account(input, token);
    expect(failed).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    expect(await smsTo(roster[10].phone)).toEqual([]);
    const retried = await account(input, token);
    expect(retried.ok).toBe(true);
    const texts = await smsTo(roster[10].phone);
    expect(texts).toHaveLength(1);
    expect((await account(input, token)).ok).toBe(true); // a third try: already sent, nothing more
    expect(await smsTo(roster[10].phone)).toHaveLength(1);
    const done = await account({ action: 'bind.confirm', attemptId: retried.data.attemptId, code: codeIn(texts[0]) }, token);
    expect(done).toMatchObject({ ok: true, data: { role: 'retiree' } });
  });

  test('the answer never tells whether an ID is on the roster', async () => {
    const token = await newWeChatUser();
    const unknownId = UNKNOWN_ID;
    expect(roster.some((r) => r.idNumber === unknownId)).toBe(false);
    const notOnRoster = await account({ action: 'bind.start', name: '张三', idNumber: unknownId, requestId: requestId() }, token);
    const wrongName = await account({ action: 'bind.start', name: '李四', idNumber: roster[5].idNumber, requestId: requestId() }, token);
    expect(notOnRoster.ok).toBe(true);
    expect(wrongName.ok).toBe(true);
    expect(Object.keys(notOnRoster.data)).toEqual(Object.keys(wrongName.data));
    expect(notOnRoster.data.message).toBe(wrongName.data.message);
    expect(await smsTo(roster[5].phone)).toEqual([]);
    // Whatever code is typed, the answer is the one a wrong code gets.
    const c1 = await account({ action: 'bind.confirm', attemptId: notOnRoster.data.attemptId, code: '123456' }, token);
    const c2 = await account({ action: 'bind.confirm', attemptId: wrongName.data.attemptId, code: '123456' }, token);
    expect(c1.error).toEqual(c2.error);
    expect(c1.error.message).toBe('验证码不对，还可以再试4次');
  });

  test(`a user gets ${BIND_ATTEMPTS_PER_DAY} attempts a day, then a plain refusal`, async () => {
    const token = await newWeChatUser();
    for (let i = 0; i < BIND_ATTEMPTS_PER_DAY; i++) {
      const res = await account({ action: 'bind.start', name: '王五', idNumber: UNKNOWN_ID, requestId: requestId() }, token);
      expect(res.ok).toBe(true);
    }
    const before = await count('bind_attempts');
    const over = await account({ action: 'bind.start', name: '王五', idNumber: UNKNOWN_ID, requestId: requestId() }, token);
    expect(over).toMatchObject({ ok: false, error: { code: 'TOO_MANY' } });
    expect(over.error.message).toContain('明天再试');
    expect(await count('bind_attempts')).toBe(before);
  });

  test('bad input is refused in Chinese and writes nothing', async () => {
    const token = await newWeChatUser();
    const before = await count('bind_attempts');
    const badId = await account({ action: 'bind.start', name: '王五', idNumber: '990205195001010016', requestId: requestId() }, token);
    expect(badId).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(badId.error.message).toMatch(/[\u4e00-\u9fa5]/);
    const badCode = await account({ action: 'bind.confirm', attemptId: 'x', code: '12ab' }, token);
    expect(badCode).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: '验证码是6位数字' } });
    expect(await count('bind_attempts')).toBe(before);
  });

  test('binding the same entry from a new phone moves it, and the move is audited', async () => {
    const first = await bindNewUser(8);
    const second = await bindNewUser(8);
    expect((await account({ action: 'me.get' }, first)).data).toMatchObject({ role: 'guest', retiree: null });
    expect((await account({ action: 'me.get' }, second)).data.retiree).toMatchObject({ name: roster[8].name });
    const { data: entry } = await db.collection('retirees').where({ name: roster[8].name, birthDate: roster[8].birthDate }).get();
    const log = await db.collection('audit_log').where({ action: 'retiree.rebind', subjectId: entry[0]._id }).get();
    expect(log.data).toHaveLength(1);
  });

  test('a retiree can unbind; the account is a guest again', async () => {
    const token = await bindNewUser(9);
    const refused = await account({ action: 'me.unbind' }, token);
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: '请确认解除绑定' } });
    const res = await account({ action: 'me.unbind', confirm: true }, token);
    expect(res).toMatchObject({ ok: true, data: { role: 'guest', retiree: null } });
    expect(await count('retirees', { name: roster[9].name, boundUserId: null })).toBe(1);
  });
});

describe('family links', () => {
  test('a child asks, the parent confirms in their own WeChat, and the child can then act for the parent', async () => {
    const child = await newWeChatUser();
    const parentId = (await account({ action: 'me.get' }, tokens.retiree)).data.retiree.id as string;
    const ask = await account(
      {
        action: 'family.request',
        elderName: roster[0].name,
        idNumber: roster[0].idNumber,
        relation: '儿子',
        helperName: '测试儿子',
        requestId: requestId(),
      },
      child,
    );
    expect(ask).toMatchObject({ ok: true });
    expect((await account({ action: 'family.elder', retireeId: parentId }, child)).error.code).toBe('FORBIDDEN');

    const parentMe = await account({ action: 'me.get' }, tokens.retiree);
    expect(parentMe.data.pendingForMe).toBeGreaterThanOrEqual(1);
    const mine = await account({ action: 'family.mine' }, tokens.retiree);
    const request = mine.data.helpers.find((l: any) => l.helperName === '测试儿子');
    expect(request).toMatchObject({ status: 'pending', relation: '儿子' });

    // Someone else cannot answer it.
    expect((await account({ action: 'family.respond', linkId: request.id, accept: true }, tokens.retiree2)).error.code).toBe('NOT_FOUND');
    const accepted = await account({ action: 'family.respond', linkId: request.id, accept: true }, tokens.retiree);
    expect(accepted).toMatchObject({ ok: true, data: { status: 'active', approvedBy: 'elder' } });

    const childMe = await account({ action: 'me.get' }, child);
    expect(childMe.data).toMatchObject({ role: 'family', helping: [{ retireeId: parentId, name: roster[0].name, relation: '儿子' }] });
    expect(await account({ action: 'family.elder', retireeId: parentId }, child)).toMatchObject({
      ok: true,
      data: { name: roster[0].name },
    });

    // The parent ends it; it stops working at once.
    expect(await account({ action: 'family.end', linkId: request.id }, tokens.retiree)).toMatchObject({
      ok: true,
      data: { status: 'ended' },
    });
    expect((await account({ action: 'family.elder', retireeId: parentId }, child)).error.code).toBe('FORBIDDEN');
    expect((await account({ action: 'me.get' }, child)).data.role).toBe('guest');
  });

  test('staff approve a request for an elder without a smartphone; only staff of that street see it', async () => {
    const row = roster.findIndex((r, i) => i > 10 && r.street === '新阳街道');
    const child = await newWeChatUser();
    await account(
      {
        action: 'family.request',
        elderName: roster[row].name,
        idNumber: roster[row].idNumber,
        relation: '女儿',
        helperName: '测试女儿',
        requestId: requestId(),
      },
      child,
    );
    const queue = await account({ action: 'family.queue' }, tokens['staff-street']);
    const item = queue.data.items.find((l: any) => l.helperName === '测试女儿');
    expect(item).toMatchObject({ status: 'pending', street: '新阳街道', elderName: roster[row].name });
    expect(item.elderIdMasked).toMatch(/\*{10}/);

    // A staff member of another street cannot see or approve it.
    const other = await newStaff(['东孚街道']);
    expect((await account({ action: 'family.queue' }, other)).data.items.some((l: any) => l.id === item.id)).toBe(false);
    expect((await account({ action: 'family.review', linkId: item.id, accept: true, note: '本人电话确认' }, other)).error.code).toBe(
      'NOT_FOUND',
    );

    const noNote = await account({ action: 'family.review', linkId: item.id, accept: true, note: '' }, tokens['staff-street']);
    expect(noNote).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const ok = await account(
      { action: 'family.review', linkId: item.id, accept: true, note: '本人到社区现场确认' },
      tokens['staff-street'],
    );
    expect(ok).toMatchObject({ ok: true, data: { status: 'active', approvedBy: 'staff', note: '本人到社区现场确认' } });
    expect(await count('audit_log', { action: 'family.approve', 'target.id': item.id })).toBe(1);
    expect((await account({ action: 'family.elder', retireeId: item.retireeId }, child)).ok).toBe(true);

    // The helper ends it themself.
    expect((await account({ action: 'family.end', linkId: item.id }, child)).ok).toBe(true);
    expect((await account({ action: 'family.elder', retireeId: item.retireeId }, child)).error.code).toBe('FORBIDDEN');
  });

  test(`at most ${MAX_HELPERS} helpers per elder, even when they all ask at once`, async () => {
    const row = 12;
    const helpers: string[] = [];
    for (let i = 0; i < MAX_HELPERS + 4; i++) helpers.push(await newWeChatUser());
    const results = await Promise.all(
      helpers.map((token, i) =>
        account(
          {
            action: 'family.request',
            elderName: roster[row].name,
            idNumber: roster[row].idNumber,
            relation: '其他亲属',
            helperName: `帮手${'甲乙丙丁戊己庚辛壬癸子丑'[i]}`,
            requestId: requestId(),
          },
          token,
        ),
      ),
    );
    const accepted = results.filter((r) => r.ok);
    const refused = results.filter((r) => !r.ok);
    expect(accepted).toHaveLength(MAX_HELPERS);
    for (const r of refused) expect(r.error).toMatchObject({ code: 'TOO_MANY' });
    const { data: entry } = await db.collection('retirees').where({ name: roster[row].name, birthDate: roster[row].birthDate }).get();
    expect(await count('family_links', { retireeId: entry[0]._id, status: 'pending' })).toBe(MAX_HELPERS);
    expect(entry[0].helperCount).toBe(MAX_HELPERS);
  });

  test('a retried request makes one link', async () => {
    const child = await newWeChatUser();
    const input = {
      action: 'family.request',
      elderName: roster[14].name,
      idNumber: roster[14].idNumber,
      relation: '孙子女',
      helperName: '测试孙女',
      requestId: requestId(),
    };
    const [a, b] = await Promise.all([account(input, child), account(input, child)]);
    expect([a, b]).toEqual([expect.objectContaining({ ok: true }), expect.objectContaining({ ok: true })]);
    expect(await count('family_links', { helperName: '测试孙女' })).toBe(1);
  });
});

/** A staff member scoped to some streets, through the real invitation flow. */
async function newStaff(streets: string[] | 'all') {
  const invite = await account({ action: 'staff.invite', name: '测试干部', role: 'staff', streets, requestId: requestId() }, tokens.admin);
  expect(invite).toMatchObject({ ok: true });
  const { token } = await cloud.newUser('web');
  expect(await account({ action: 'staff.claim', code: invite.data.code }, token)).toMatchObject({ ok: true, data: { role: 'staff' } });
  return token;
}

describe('staff, the roster and personal data', () => {
  test('street staff see only their streets, always masked', async () => {
    const list = await account({ action: 'roster.list' }, tokens['staff-street']);
    expect(list.ok).toBe(true);
    expect(list.data.items.length).toBeGreaterThan(0);
    for (const r of list.data.items) expect(r.street).toBe('新阳街道');
    const text = JSON.stringify(list);
    for (const r of roster) {
      expect(text).not.toContain(r.idNumber);
      expect(text).not.toContain(r.phone);
    }
    const elsewhere = roster.findIndex((r) => r.street !== '新阳街道');
    const { data } = await db.collection('retirees').where({ name: roster[elsewhere].name, birthDate: roster[elsewhere].birthDate }).get();
    expect((await account({ action: 'roster.get', id: data[0]._id }, tokens['staff-street'])).error.code).toBe('NOT_FOUND');
    expect((await account({ action: 'roster.get', id: data[0]._id }, tokens.staff)).ok).toBe(true);
    const all = await account({ action: 'roster.list', name: roster[elsewhere].name.slice(0, 1) }, tokens.staff);
    expect(all.data.items.some((r: any) => r.street !== '新阳街道')).toBe(true);
  });

  test('the roster filters by certification state and sorts by the last certification, page after page', async () => {
    const everyone = async (filter: Record<string, unknown>) => {
      const out: any[] = [];
      for (let page = 1; page < 50; page++) {
        const res = await account({ action: 'roster.list', ...filter, page }, tokens.staff);
        expect(res.ok).toBe(true);
        out.push(...res.data.items);
        if (!res.data.hasMore) break;
      }
      return out;
    };
    const byName = await everyone({});
    expect(byName.length).toBeGreaterThan(40); // more than two pages
    const day = (r: any) => r.lastCertifiedAt ?? '';
    const longAgo = await everyone({ sort: 'certifiedLongAgo' });
    const recently = await everyone({ sort: 'certifiedRecently' });
    for (const list of [longAgo, recently]) {
      // The same people, each once, across the pages.
      expect(list.map((r) => r.id).sort()).toEqual(byName.map((r) => r.id).sort());
    }
    expect(longAgo.map(day)).toEqual(longAgo.map(day).sort());
    expect(recently.map(day)).toEqual(recently.map(day).sort().reverse());
    expect(longAgo.some((r) => !r.lastCertifiedAt) ? longAgo[0].lastCertifiedAt : null).toBeNull(); // never certified: first

    // The state as the daily run stored it.
    const [a, b] = byName.filter((r) => r.street === '新阳街道');
    await db.collection('retirees').doc(a.id).update({ certState: 'suspended' });
    await db.collection('retirees').doc(b.id).update({ certState: 'suspended' });
    const suspended = await everyone({ state: 'suspended' });
    expect(suspended.map((r) => r.id).sort()).toEqual([a.id, b.id].sort());
    expect(suspended.every((r) => r.certState === 'suspended')).toBe(true);
    const mine = await account({ action: 'roster.list', state: 'suspended', street: '新阳街道' }, tokens['staff-street']);
    expect(mine.data.items).toHaveLength(2);
    const bad = await account({ action: 'roster.list', state: 'gone', sort: 'age' }, tokens.staff);
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: '认证情况不对' } });
  });

  test('a whole number needs a purpose, and the person sees who read it', async () => {
    const me = await account({ action: 'me.get' }, tokens.retiree2);
    const id = me.data.retiree.id;
    const noPurpose = await account({ action: 'roster.reveal', id, field: 'idNumber' }, tokens.staff);
    expect(noPurpose).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: '请选择查看原因' } });
    const shown = await account({ action: 'roster.reveal', id, field: 'idNumber', purpose: 'certification' }, tokens.staff);
    expect(shown).toMatchObject({ ok: true, data: { value: roster[1].idNumber } });
    const phone = await account({ action: 'roster.reveal', id, field: 'phone', purpose: 'contact' }, tokens.staff);
    expect(phone.data.value).toBe(roster[1].phone);

    const mine = await account({ action: 'me.data' }, tokens.retiree2);
    expect(mine.ok).toBe(true);
    const reads = mine.data.accessLog.filter((e: any) => e.action.startsWith('pii.reveal'));
    expect(reads.map((e: any) => e.detail.purposeText).sort()).toEqual(['办理资格认证', '联系本人或家属']);
    expect(JSON.stringify(mine)).not.toContain(roster[1].idNumber);

    // Retirees and family cannot reveal at all.
    expect((await account({ action: 'roster.reveal', id, field: 'idNumber', purpose: 'certification' }, tokens.retiree2)).error.code).toBe(
      'FORBIDDEN',
    );
  });

  test('an admin invites staff with a scope; the code works once; a disabled account loses its rights', async () => {
    const token = await newStaff(['新阳街道', '海沧街道']);
    const me = await account({ action: 'me.get' }, token);
    expect(me.data).toMatchObject({ role: 'staff', streets: ['新阳街道', '海沧街道'] });

    const invite = await account(
      { action: 'staff.invite', name: '一次性', role: 'staff', streets: 'all', requestId: requestId() },
      tokens.admin,
    );
    const a = await cloud.newUser('web');
    const b = await cloud.newUser('web');
    expect((await account({ action: 'staff.claim', code: invite.data.code }, a.token)).ok).toBe(true);
    expect(await account({ action: 'staff.claim', code: invite.data.code }, b.token)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });

    // Only admins manage staff.
    expect(
      (await account({ action: 'staff.invite', name: '越权', role: 'admin', streets: 'all', requestId: requestId() }, tokens.staff)).error
        .code,
    ).toBe('FORBIDDEN');
    const staffList = await account({ action: 'staff.list' }, tokens.admin);
    const claimed = staffList.data.find((s: any) => s.name === '一次性');
    expect(await account({ action: 'staff.disable', userId: claimed.userId }, tokens.admin)).toMatchObject({
      ok: true,
      data: { disabled: true },
    });
    expect((await account({ action: 'roster.list' }, a.token)).error.code).toBe('FORBIDDEN');
    expect(await count('audit_log', { action: 'staff.disable', 'target.id': claimed.userId })).toBe(1);
  });

  test('admins search the audit log; staff cannot', async () => {
    const res = await account({ action: 'audit.search', bogus: 1 }, tokens.admin);
    expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } }); // unknown field
    const found = await account({ action: 'audit.search', page: 1 }, tokens.admin);
    expect(found.ok).toBe(true);
    expect(found.data.items.length).toBeGreaterThan(0);
    const ats = found.data.items.map((e: any) => e.at);
    expect([...ats].sort().reverse()).toEqual(ats);
    const reveals = await account({ action: 'audit.search', kind: 'pii.reveal.idNumber' }, tokens.admin);
    expect(reveals.data.items.length).toBeGreaterThan(0);
    for (const e of reveals.data.items) expect(e.action).toBe('pii.reveal.idNumber');
    expect((await account({ action: 'audit.search' }, tokens.staff)).error.code).toBe('FORBIDDEN');
  });
});
