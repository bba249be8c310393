import { birthDateFromId, isValidIdNumber, sexFromId } from '../../contract/idCard';
import { NOTICE_BODY_MAX, NOTICE_TITLE_MAX } from '../../contract/notices';
import { isValidMobile } from '../../contract/phone';
import { csvField, csvLine, ROSTER_CSV_HEADER, rosterCsvLine } from '../../emulator/seed/csv';
import { DEFAULT_TODAY, generateDemoData, generateRoster, type RosterRow } from '../../emulator/seed/generate';

const TODAY = DEFAULT_TODAY; // 2026-11-23
const csv = (rows: RosterRow[]) => rows.map(rosterCsvLine).join('');
const ageOn = (birth: string, today: string) =>
  Number(today.slice(0, 4)) - Number(birth.slice(0, 4)) - (today.slice(5) < birth.slice(5) ? 1 : 0);
const daysBetween = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 86_400_000;

// Built once: 36,558 rows take well under a second.
const district = generateDemoData({ scale: 'district' });

describe('determinism', () => {
  it('gives the same output, byte for byte, for the same seed', () => {
    const a = generateDemoData();
    const b = generateDemoData();
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(csv(a.roster)).toBe(csv(b.roster));
    expect(csv(generateDemoData({ seed: 7 }).roster)).toBe(csv(generateDemoData({ seed: 7 }).roster));
  });

  it('gives different people for a different seed', () => {
    const a = generateDemoData({ seed: 1 }).roster;
    const b = generateDemoData({ seed: 2 }).roster;
    expect(a.map((r) => r.idNumber)).not.toEqual(b.map((r) => r.idNumber));
    expect(a.map((r) => r.name)).not.toEqual(b.map((r) => r.name));
  });

  it('makes a small roster a prefix of a large one, so the demo accounts never move', () => {
    const demo = generateDemoData();
    expect(demo.roster).toHaveLength(60);
    expect(district.roster.slice(0, 60)).toEqual(demo.roster);
    expect(district.accounts).toEqual(demo.accounts);
  });

  it('refuses scales the accounts cannot use', () => {
    expect(() => generateDemoData({ scale: 3 })).toThrow(RangeError);
    expect(() => generateDemoData({ scale: 'huge' as 'demo' })).toThrow(RangeError);
    expect(() => generateDemoData({ today: '2026-02-30' })).toThrow(RangeError);
    expect(generateDemoData({ scale: 4 }).roster).toHaveLength(4);
  });
});

describe('district roster (the source article’s 36,558)', () => {
  const rows = district.roster;

  it('has exactly 36,558 rows', () => {
    expect(rows).toHaveLength(36_558);
  });

  // Row checks collect the offending rows and assert once: 36,558 × several expect()
  // calls would take jest tens of seconds, and a list of bad rows is a better message.
  const offenders = (check: (r: RosterRow) => boolean) => rows.filter((r) => !check(r)).slice(0, 5);

  it('has valid, unique, obviously fake ID numbers that agree with the other columns', () => {
    expect(
      offenders(
        (r) =>
          r.idNumber.startsWith('99') &&
          isValidIdNumber(r.idNumber, TODAY) &&
          birthDateFromId(r.idNumber) === r.birthDate &&
          sexFromId(r.idNumber) === r.sex,
      ),
    ).toEqual([]);
    expect(new Set(rows.map((r) => r.idNumber)).size).toBe(rows.length);
  });

  it('has plausible retirees: ages 55–95, already retired, men at 60 and women at 50 or 55', () => {
    expect(
      offenders((r) => {
        const age = ageOn(r.birthDate, TODAY);
        const retiredAt = ageOn(r.birthDate, r.retirementDate);
        return (
          age >= (r.sex === 'M' ? 60 : 55) &&
          age <= 95 &&
          r.retirementDate <= TODAY &&
          (r.sex === 'M' ? retiredAt === 60 : retiredAt === 50 || retiredAt === 55) &&
          isValidMobile(r.phone) &&
          r.phone.startsWith('199') &&
          /^[\u4e00-\u9fff]{2,3}$/.test(r.name)
        );
      }),
    ).toEqual([]);
  });

  it('spreads certifications over 14 months, with some overdue and some never certified', () => {
    const dated = rows.filter((r) => r.lastCertifiedAt !== null);
    const ago = (r: RosterRow) => daysBetween(r.lastCertifiedAt as string, TODAY);
    expect(offenders((r) => r.lastCertifiedAt === null || (ago(r) >= 0 && ago(r) <= 427 && r.lastCertifiedAt >= r.retirementDate))).toEqual(
      [],
    );
    const never = (rows.length - dated.length) / rows.length;
    const overdue = dated.filter((r) => ago(r) > 365).length / rows.length;
    expect(never).toBeGreaterThan(0.01);
    expect(never).toBeLessThan(0.06);
    expect(overdue).toBeGreaterThan(0.04);
    expect(overdue).toBeLessThan(0.15);
  });

  it('has about 1% abroad and 0.3% with non-mainland IDs', () => {
    const abroad = rows.filter((r) => r.abroad).length / rows.length;
    const nonMainland = rows.filter((r) => r.nonMainlandId).length / rows.length;
    expect(abroad).toBeGreaterThan(0.006);
    expect(abroad).toBeLessThan(0.014);
    expect(nonMainland).toBeGreaterThan(0.001);
    expect(nonMainland).toBeLessThan(0.005);
  });

  it('uses the four streets, each with its communities', () => {
    const streets = new Map<string, Set<string>>();
    for (const r of rows) streets.set(r.street, (streets.get(r.street) ?? new Set()).add(r.community));
    expect([...streets.keys()].sort()).toEqual(['东孚街道', '嵩屿街道', '新阳街道', '海沧街道'].sort());
    for (const communities of streets.values()) expect(communities.size).toBeGreaterThanOrEqual(3);
  });
});

describe('accounts', () => {
  const { roster, accounts } = district;
  const byKey = Object.fromEntries(accounts.map((a) => [a.key, a]));

  it('are the seven dev sign-ins', () => {
    expect(accounts.map((a) => a.key)).toEqual(['retiree', 'retiree2', 'family', 'newcomer', 'staff', 'staff-street', 'admin']);
    for (const a of accounts) expect(a.label).toMatch(/[\u4e00-\u9fff]/);
  });

  it('bind the retirees and the family member to roster rows 0–2', () => {
    expect(byKey.retiree).toMatchObject({ role: 'retiree', openid: 'demo-openid-retiree', retireeIdNumber: roster[0].idNumber });
    expect(byKey.retiree2).toMatchObject({ role: 'retiree', openid: 'demo-openid-retiree2', retireeIdNumber: roster[1].idNumber });
    expect(byKey.family).toMatchObject({
      role: 'family',
      openid: 'demo-openid-family',
      parentIdNumber: roster[2].idNumber,
      relation: '女儿',
    });
    expect(byKey.retiree.label).toContain(roster[0].name);
    const ids = new Set(roster.map((r) => r.idNumber));
    for (const a of accounts) {
      for (const id of [a.retireeIdNumber, a.parentIdNumber]) if (id) expect(ids.has(id)).toBe(true);
    }
  });

  it('show three different certification states', () => {
    const ago = (i: number) => daysBetween(roster[i].lastCertifiedAt as string, TODAY);
    expect(ago(0)).toBeLessThan(300); // certified, nothing to do
    expect(ago(1)).toBeGreaterThan(365); // overdue
    expect(ago(2)).toBeGreaterThan(330); // due soon
    expect(ago(2)).toBeLessThanOrEqual(365);
    for (const r of roster.slice(0, 3)) expect(r.abroad || r.nonMainlandId).toBe(false);
  });

  it('leave roster row 3 unbound for the newcomer to bind', () => {
    expect(byKey.newcomer).toMatchObject({ role: 'guest', openid: 'demo-openid-newcomer' });
    expect(byKey.newcomer.retireeIdNumber).toBeUndefined();
    expect(byKey.newcomer.label).toContain(roster[3].name);
    expect(byKey.newcomer.label).toContain(roster[3].idNumber);
  });

  it('give staff their streets', () => {
    expect(byKey.staff).toMatchObject({ role: 'staff', uid: 'demo-staff', streets: 'all' });
    expect(byKey['staff-street']).toMatchObject({ role: 'staff', uid: 'demo-staff-xinyang', streets: ['新阳街道'] });
    expect(byKey.admin).toMatchObject({ role: 'admin', uid: 'demo-admin' });
  });
});

describe('notices', () => {
  const { notices } = district;
  const all = notices.map((n) => n.title + n.body).join('\n');

  it('are 5–6 notices that fit the notice schema limits', () => {
    expect(notices.length).toBeGreaterThanOrEqual(5);
    expect(notices.length).toBeLessThanOrEqual(6);
    for (const n of notices) {
      expect(n.title.length).toBeLessThanOrEqual(NOTICE_TITLE_MAX);
      expect(n.body.length).toBeLessThanOrEqual(NOTICE_BODY_MAX);
    }
  });

  it('pin the certification notice and keep one draft', () => {
    const pinned = notices.filter((n) => n.pinned);
    expect(pinned).toHaveLength(1);
    expect(pinned[0].title).toContain('资格认证');
    const drafts = notices.filter((n) => n.status === 'draft');
    expect(drafts).toHaveLength(1);
    expect(drafts[0].publishedAt).toBeNull();
  });

  it('are published before today, in Beijing time', () => {
    for (const n of notices.filter((x) => x.status === 'published')) {
      expect(n.publishedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
      expect(Date.parse(n.publishedAt as string)).toBeLessThan(Date.parse(`${TODAY}T00:00:00+08:00`));
    }
  });

  it('carry the figures from the sources', () => {
    for (const figure of ['150元', '1045元', '1568元', '3元', '6元', '海沧体育中心', '一、二、四', '中国领事']) {
      expect(all).toContain(figure);
    }
  });
});

describe('CSV', () => {
  it('quotes only what RFC 4180 needs quoting', () => {
    expect(csvField('陈桂英')).toBe('陈桂英');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvLine(['x', 'y,z', ''])).toBe('x,"y,z",\r\n');
  });

  it('writes the Chinese header and one line per row', () => {
    expect(csvLine(ROSTER_CSV_HEADER)).toBe('姓名,身份证号,手机号,性别,出生日期,退休日期,最近认证日期,街道,社区,境外居住,非大陆证件\r\n');
    const row: RosterRow = { ...district.roster[0], lastCertifiedAt: null, abroad: true };
    const fields = rosterCsvLine(row).trimEnd().split(',');
    expect(fields).toHaveLength(ROSTER_CSV_HEADER.length);
    expect(fields.slice(3)).toEqual([
      row.sex === 'M' ? '男' : '女',
      row.birthDate,
      row.retirementDate,
      '',
      row.street,
      row.community,
      '是',
      '否',
    ]);
  });
});

describe('city scale', () => {
  // 600,000 rows: about 2–3 s for generation plus the two Sets on a laptop-class CPU.
  it('streams 600,000 rows with unique ID and phone numbers', () => {
    const ids = new Set<string>();
    const phones = new Set<string>();
    let n = 0;
    for (const r of generateRoster(600_000)) {
      ids.add(r.idNumber);
      phones.add(r.phone);
      n++;
    }
    expect(n).toBe(600_000);
    expect(ids.size).toBe(600_000);
    expect(phones.size).toBe(600_000);
  });
});
