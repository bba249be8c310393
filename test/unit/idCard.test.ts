import fc from 'fast-check';
import {
  birthDateFromId,
  checkDigit,
  idNumberProblem,
  idNumberSchema,
  isValidIdNumber,
  maskIdNumber,
  sexFromId,
} from '../../contract/idCard';
import { isValidMobile, maskPhone, mobileSchema } from '../../contract/phone';

// The worked examples printed in GB 11643-1999 itself, so the checksum is tested
// against an outside source rather than against our own checkDigit.
const STANDARD_FEMALE = '11010519491231002X';
const STANDARD_1880 = '440524188001010014';
const TODAY = '2026-11-23';

/** A checksum-correct number around the given birth date (YYYYMMDD), for date tests. */
const withDate = (ymd: string, seq = '001') => {
  const first17 = `990205${ymd}${seq}`;
  return first17 + checkDigit(first17);
};

describe('checkDigit', () => {
  it('matches the examples in the standard', () => {
    expect(checkDigit(STANDARD_FEMALE.slice(0, 17))).toBe('X');
    expect(checkDigit(STANDARD_1880.slice(0, 17))).toBe('4');
  });
  it('refuses anything but 17 digits', () => {
    expect(() => checkDigit('1234')).toThrow(RangeError);
    expect(() => checkDigit('1101051949123100X')).toThrow(RangeError);
  });
});

describe('isValidIdNumber / idNumberProblem', () => {
  it('accepts a valid number, with a lowercase x and stray spaces', () => {
    expect(isValidIdNumber(STANDARD_FEMALE, TODAY)).toBe(true);
    expect(isValidIdNumber('11010519491231002x', TODAY)).toBe(true);
    expect(idNumberProblem('  11010519491231002x ', TODAY)).toBeNull();
  });

  it('rejects a wrong check character with a plain reason', () => {
    expect(isValidIdNumber('110105194912310021', TODAY)).toBe(false);
    expect(idNumberProblem('110105194912310021', TODAY)).toBe('身份证号最后一位校验不对，请核对');
    // two digits swapped: the commonest typing slip, and the checksum catches it
    expect(idNumberProblem('11010519491231020X', TODAY)).toBe('身份证号最后一位校验不对，请核对');
  });

  it('explains length, characters and emptiness in Chinese', () => {
    expect(idNumberProblem('', TODAY)).toBe('请填写身份证号');
    expect(idNumberProblem('   ', TODAY)).toBe('请填写身份证号');
    expect(idNumberProblem('11010519491231002', TODAY)).toBe('身份证号应为18位');
    expect(idNumberProblem('110105491231002', TODAY)).toBe('身份证号应为18位'); // old 15-digit form
    expect(idNumberProblem('1101051949123100X2', TODAY)).toBe('身份证号只能是数字，最后一位可以是X');
    expect(idNumberProblem('11010519491231002Y', TODAY)).toBe('身份证号只能是数字，最后一位可以是X');
  });

  it('knows leap years: 29 Feb exists in 1996 and 2000, not in 1900 or 2023', () => {
    expect(isValidIdNumber(withDate('19960229'), TODAY)).toBe(true);
    expect(isValidIdNumber(withDate('20000229'), TODAY)).toBe(true);
    expect(idNumberProblem(withDate('19000229'), TODAY)).toBe('身份证号中的出生日期不对');
    expect(idNumberProblem(withDate('20230229'), TODAY)).toBe('身份证号中的出生日期不对');
  });

  it('rejects impossible months and days', () => {
    for (const ymd of ['19491331', '19490001', '19490100', '19490431', '19490132']) {
      expect(idNumberProblem(withDate(ymd), TODAY)).toBe('身份证号中的出生日期不对');
    }
  });

  it('rejects births before 1900 and after today', () => {
    expect(idNumberProblem(STANDARD_1880, TODAY)).toBe('身份证号中的出生日期不对');
    expect(isValidIdNumber(withDate('19000101'), TODAY)).toBe(true);
    expect(isValidIdNumber(withDate('20261123'), TODAY)).toBe(true);
    expect(isValidIdNumber(withDate('20261124'), TODAY)).toBe(false);
    expect(isValidIdNumber(withDate('20261124'), new Date('2026-11-24T00:30:00+08:00'))).toBe(true);
    // no `today`: judged against the real clock, so a 2999 birth date always fails
    expect(isValidIdNumber(withDate('29990101'))).toBe(false);
  });

  it('any checksum-correct number with a real date passes; any other last char fails', () => {
    const date = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2026-11-23T00:00:00Z'), noInvalidDate: true });
    const digits = fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 6, maxLength: 6 });
    fc.assert(
      fc.property(digits, date, fc.integer({ min: 0, max: 999 }), fc.constantFrom(...'0123456789X'), (area, d, seq, last) => {
        const first17 = area + d.toISOString().slice(0, 10).replace(/-/g, '') + String(seq).padStart(3, '0');
        const good = first17 + checkDigit(first17);
        expect(isValidIdNumber(good, TODAY)).toBe(true);
        if (last !== good[17]) expect(isValidIdNumber(first17 + last, TODAY)).toBe(false);
      }),
    );
  });
});

describe('reading an ID number', () => {
  it('gives the birth date and sex', () => {
    expect(birthDateFromId(STANDARD_FEMALE)).toBe('1949-12-31');
    expect(sexFromId(STANDARD_FEMALE)).toBe('F'); // 17th digit 2: even
    expect(birthDateFromId(STANDARD_1880)).toBe('1880-01-01');
    expect(sexFromId(STANDARD_1880)).toBe('M'); // 17th digit 1: odd
    expect(sexFromId('11010519491231002x')).toBe('F');
  });
  it('refuses input that is not ID-shaped', () => {
    expect(() => birthDateFromId('12345')).toThrow(RangeError);
    expect(() => sexFromId('')).toThrow(RangeError);
  });
});

describe('masking', () => {
  it('shows the first 4 and last 4 of an ID number', () => {
    expect(maskIdNumber('350205194908151234')).toBe('3502**********1234');
    expect(maskIdNumber(' 11010519491231002x ')).toBe('1101**********002X');
    expect(maskIdNumber('12345678')).toBe('********');
    expect(maskIdNumber('')).toBe('');
  });
  it('shows the first 3 and last 4 of a phone number', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
    expect(maskPhone(' 19900001234 ')).toBe('199****1234');
    expect(maskPhone('1234567')).toBe('*******');
  });
});

describe('mobile numbers', () => {
  it('accepts 11 digits starting 13–19', () => {
    for (const p of ['13812341234', '19900001234', '15000000000', ' 17712345678 ']) expect(isValidMobile(p)).toBe(true);
  });
  it('rejects the rest', () => {
    for (const p of ['12812341234', '1381234123', '138123412345', '1381234123a', '+8613812341234', '']) {
      expect(isValidMobile(p)).toBe(false);
    }
    expect(mobileSchema.safeParse('1381234123').error?.issues[0].message).toBe('手机号应为11位数字，以1开头');
  });
});

describe('idNumberSchema', () => {
  it('trims and upper-cases what the user typed', () => {
    expect(idNumberSchema.parse(' 11010519491231002x ')).toBe(STANDARD_FEMALE);
  });
  it('fails with the Chinese reason', () => {
    expect(idNumberSchema.safeParse('110105194912310021').error?.issues[0].message).toBe('身份证号最后一位校验不对，请核对');
    expect(idNumberSchema.safeParse('1101').error?.issues[0].message).toBe('身份证号应为18位');
    expect(idNumberSchema.safeParse(undefined).error?.issues[0].message).toBe('请填写身份证号');
  });
});
