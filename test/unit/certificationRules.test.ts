import {
  addMonths,
  type CertificationRules,
  certificationState,
  DEFAULT_RULES,
  dueDate,
  evidenceCertifies,
  remindersToday,
  rulesSchema,
  statusWords,
} from '../../contract/certification';
import { shanghaiDay } from '../../contract/time';

/** The certification rules: calendar edge cases, states, reminders, evidence, and the words on the home screen. */
const rolling = DEFAULT_RULES;
const window: CertificationRules = { ...DEFAULT_RULES, cycle: { kind: 'window', from: '03-01', to: '06-30' } };

describe('the calendar', () => {
  test.each([
    ['2025-01-31', 1, '2025-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2023-02-28', 12, '2024-02-28'],
    ['2024-03-31', 6, '2024-09-30'],
    ['2025-12-31', 12, '2026-12-31'],
  ])('%s + %i months = %s', (from, months, expected) => {
    expect(addMonths(from, months)).toBe(expected);
  });

  test('a day is the day in UTC+8, whatever the machine thinks', () => {
    expect(shanghaiDay('2026-02-28T15:59:59Z')).toBe('2026-02-28');
    expect(shanghaiDay('2026-02-28T16:00:00Z')).toBe('2026-03-01');
    expect(shanghaiDay('2024-02-28T16:00:00Z')).toBe('2024-02-29');
  });

  test('impossible days are refused, not rolled over', () => {
    expect(() => dueDate('2025-02-29', rolling, '2026-01-01')).toThrow(RangeError);
    expect(() => dueDate(null, rolling, '2026-13-01')).toThrow(RangeError);
  });
});

describe('rolling: at most 12 months between two certifications', () => {
  test('due a year after the last certification; never certified means due now', () => {
    expect(dueDate('2025-11-23', rolling, '2026-11-23')).toBe('2026-11-23');
    expect(dueDate(null, rolling, '2026-11-23')).toBe('2026-11-23');
  });

  test('states around the due date', () => {
    const rec = { lastCertifiedAt: '2025-12-31' }; // due 2026-12-31
    expect(certificationState(rec, rolling, '2026-11-30')).toBe('certified'); // 31 days left
    expect(certificationState(rec, rolling, '2026-12-01')).toBe('due_soon'); // 30 days left
    expect(certificationState(rec, rolling, '2026-12-31')).toBe('due_soon'); // the last day still counts
    expect(certificationState(rec, rolling, '2027-01-01')).toBe('overdue');
    expect(certificationState({ lastCertifiedAt: null }, rolling, '2027-01-01')).toBe('never');
  });

  test('suspended until certified again; then restored until the next cycle comes round', () => {
    const suspended = { lastCertifiedAt: '2025-01-10', suspendedAt: '2026-02-01' };
    expect(certificationState(suspended, rolling, '2026-03-01')).toBe('suspended');
    const back = { lastCertifiedAt: '2026-03-02', suspendedAt: '2026-02-01', restoredAt: '2026-03-03' };
    expect(certificationState(back, rolling, '2026-03-05')).toBe('restored');
    expect(certificationState(back, rolling, '2027-02-20')).toBe('due_soon');
  });

  test('reminders fall on their days only, so a daily run sends each once', () => {
    const sent: Array<[string, number[]]> = [];
    for (let d = 0; d < 430; d++) {
      const today = addDays('2025-11-01', d);
      const r = remindersToday('2025-12-31', rolling, today);
      if (r.length) sent.push([today, r]);
    }
    expect(sent).toEqual([
      ['2026-12-01', [30]],
      ['2026-12-24', [7]],
      ['2026-12-30', [1]],
    ]);
  });
});

describe('a fixed window (1 March – 30 June)', () => {
  test('due at the end of this year’s window until certified inside it, then next year’s', () => {
    expect(dueDate('2025-04-01', window, '2026-02-10')).toBe('2026-06-30');
    expect(dueDate('2026-03-15', window, '2026-04-01')).toBe('2027-06-30');
    expect(certificationState({ lastCertifiedAt: '2025-04-01' }, window, '2026-07-01')).toBe('overdue');
    expect(certificationState({ lastCertifiedAt: '2026-03-15' }, window, '2026-07-01')).toBe('certified');
  });

  test('a window ending on 29 February in a common year ends on the 28th', () => {
    const leap: CertificationRules = { ...DEFAULT_RULES, cycle: { kind: 'window', from: '01-01', to: '02-29' } };
    expect(dueDate(null, leap, '2027-01-05')).toBe('2027-02-28'); // never certified: by the end of this window
    expect(dueDate('2026-01-10', leap, '2027-01-05')).toBe('2027-02-28');
    expect(dueDate('2027-01-10', leap, '2027-01-20')).toBe('2028-02-29');
  });

  test('the settings themselves are checked', () => {
    expect(rulesSchema.safeParse(window).success).toBe(true);
    expect(rulesSchema.safeParse({ ...window, cycle: { kind: 'window', from: '13-01', to: '06-30' } }).success).toBe(false);
    expect(rulesSchema.safeParse({ ...rolling, cycle: { kind: 'rolling', months: 0 } }).success).toBe(false);
  });
});

describe('data comparison evidence', () => {
  const today = '2026-11-23';
  test('one strong source certifies, on its latest day', () => {
    expect(
      evidenceCertifies(
        [
          { source: '医保结算', date: '2026-10-01' },
          { source: '医保结算', date: '2026-11-02' },
        ],
        rolling,
        today,
      ),
    ).toEqual({
      date: '2026-11-02',
      sources: ['医保结算'],
    });
  });

  test('weak sources need two different ones; the same source twice is not enough', () => {
    expect(
      evidenceCertifies(
        [
          { source: '公交出行', date: '2026-11-01' },
          { source: '公交出行', date: '2026-11-10' },
        ],
        rolling,
        today,
      ),
    ).toBeNull();
    expect(
      evidenceCertifies(
        [
          { source: '公交出行', date: '2026-11-10' },
          { source: '社保卡消费', date: '2026-10-20' },
        ],
        rolling,
        today,
      ),
    ).toEqual({
      date: '2026-10-20',
      sources: ['公交出行', '社保卡消费'],
    });
  });

  test('old, future-dated and unknown records count for nothing', () => {
    expect(evidenceCertifies([{ source: '医保结算', date: '2026-08-25' }], rolling, today)).not.toBeNull(); // 90 days old
    expect(evidenceCertifies([{ source: '医保结算', date: '2026-08-24' }], rolling, today)).toBeNull(); // 91
    expect(evidenceCertifies([{ source: '医保结算', date: '2026-11-24' }], rolling, today)).toBeNull(); // tomorrow
    expect(evidenceCertifies([{ source: '某个不认识的来源', date: '2026-11-20' }], rolling, today)).toBeNull();
  });

  test('a death or cancellation record is never evidence of life; a deployment without the list gets the default one', () => {
    for (const source of rolling.evidence.stop) expect(evidenceCertifies([{ source, date: '2026-11-20' }], rolling, today)).toBeNull();
    const { stop: _stop, ...withoutStop } = DEFAULT_RULES.evidence;
    const parsed = rulesSchema.parse({ ...DEFAULT_RULES, evidence: withoutStop });
    expect(parsed.evidence.stop).toEqual(['民政死亡', '公安注销', '殡葬火化']);
  });
});

function addDays(d: string, n: number): string {
  const t = new Date(`${d}T00:00:00Z`).getTime() + n * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

describe('the words on the home screen', () => {
  test.each([
    [{ lastCertifiedAt: '2026-08-20', method: 'data' as const }, '已通过大数据比对认证，无需操作'],
    [{ lastCertifiedAt: '2025-12-20', method: 'face' as const }, '请在12月20日前完成认证'],
    [{ lastCertifiedAt: '2025-10-01', method: 'onsite' as const }, '认证已过期（应在2026年10月1日前完成），请尽快认证，以免影响养老金发放'],
    [{ lastCertifiedAt: '2026-05-01', method: 'home_visit' as const }, '已通过上门认证，下次请在2027年5月1日前认证'],
  ])('%o → %s', (rec, words) => {
    expect(statusWords(rec, rolling, '2026-11-23').headline).toBe(words);
  });
});
