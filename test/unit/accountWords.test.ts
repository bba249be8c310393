/** The access log and link statuses in plain words, and the privacy page's `back` address check. */
import type { AuditRecord } from '../../contract/accounts';
import { accessWords, consentWords } from '../../src/features/account/accessWords';
import { linkStatusWords } from '../../src/features/family/linkStatus';
import { safeBack } from '../../src/lib/routes';

const record = (over: Partial<AuditRecord>): AuditRecord => ({
  id: 'a1',
  at: '2026-11-03T02:00:00.000Z',
  action: 'pii.reveal.idNumber',
  actorUserId: 'staff-1',
  actorRole: 'staff',
  target: { collection: 'retirees', id: 'r1' },
  detail: null,
  ...over,
});

describe('accessWords', () => {
  test('a staff reveal names the number and the purpose', () => {
    expect(accessWords(record({ detail: { purpose: 'certification', purposeText: '办理资格认证' } }), 'me')).toBe(
      '工作人员查看了您的身份证号（办理资格认证）',
    );
    expect(accessWords(record({ action: 'pii.reveal.phone', actorRole: 'admin', detail: { purpose: 'contact' } }), 'me')).toBe(
      '工作人员查看了您的手机号（联系本人或家属）',
    );
  });

  test('my own acts say 您; others say who they were', () => {
    expect(accessWords(record({ action: 'retiree.bind', actorUserId: 'me', actorRole: 'guest' }), 'me')).toBe('您用这个微信绑定了退休信息');
    expect(accessWords(record({ action: 'retiree.rebind', actorUserId: 'someone', actorRole: 'guest' }), 'me')).toContain('另一个微信');
    expect(accessWords(record({ action: 'family.approve' }), 'me')).toBe('工作人员核实后，同意了一位家人帮您办理');
    expect(accessWords(record({ action: 'family.end', actorUserId: 'me', actorRole: 'retiree' }), 'me')).toBe('您结束了一位家人的帮办');
  });

  test('an action it does not know still reads as a sentence', () => {
    expect(accessWords(record({ action: 'something.new' }), 'me')).toBe('工作人员查看或修改了您的信息');
  });
});

test('consents and link statuses in words', () => {
  expect(consentWords({ kind: 'privacy', version: '2026-11' })).toBe('同意了《隐私保护指引》（2026-11版）');
  expect(linkStatusWords('pending')).toBe('等待长辈确认');
  expect(linkStatusWords('active')).toBe('已关联');
  expect(linkStatusWords('refused')).toBe('已结束');
  expect(linkStatusWords('ended')).toBe('已结束');
});

describe('safeBack', () => {
  test("accepts this app's pages, encoded or not", () => {
    expect(safeBack('/pages/account/bind')).toBe('/pages/account/bind');
    expect(safeBack(encodeURIComponent('/pages/family/index'))).toBe('/pages/family/index');
  });

  test('refuses anything else', () => {
    for (const bad of [undefined, '', 'https://evil.example/pages/x', '//evil.example', '/pages/../x', '%E0%A4%A', 'javascript:alert(1)']) {
      expect(safeBack(bad)).toBeNull();
    }
  });
});
