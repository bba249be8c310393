import { pieces, readRoster } from '../../cloudfunctions/roster/readFile';
import { ROSTER_COLUMNS } from '../../contract/roster';

/**
 * The CSV reader hands the parser the file in pieces (so a large file is neither parsed in
 * one synchronous step nor held as records all at once); a piece boundary must not change
 * a single cell, even where it falls inside a character outside the BMP.
 */
test('pieces never split a surrogate pair and join back to the text', () => {
  const text = `a𠮷b${'𠮷'.repeat(10)}c`;
  for (const size of [1, 2, 3, 4, 5, 7]) {
    const parts = [...pieces(text, size)];
    expect(parts.join('')).toBe(text);
    for (const p of parts) {
      expect(p.length).toBeGreaterThan(0);
      const last = p.charCodeAt(p.length - 1);
      expect(last >= 0xd800 && last <= 0xdbff).toBe(false);
    }
  }
});

test('a CSV longer than one piece reads the same cells, rare characters included', async () => {
  const names = Array.from({ length: 3000 }, (_, i) => `${i % 2 ? '𠮷' : '王'}${'秀英'.slice(0, 1 + (i % 2))}${i}`);
  const csv = `\ufeff${ROSTER_COLUMNS.join(',')}\r\n${names.map((n, i) => `${n},99020619580101${String(i).padStart(4, '0')},,女,1958-01-01,2013-01-01,,新阳街道,"霞阳,社区",否,否\r\n`).join('')}`;
  expect(csv.length).toBeGreaterThan(3 * 64 * 1024);
  const rows: Array<{ rowNumber: number; name: unknown; community: unknown }> = [];
  for await (const r of readRoster(Buffer.from(csv, 'utf8'), 'x.csv'))
    rows.push({ rowNumber: r.rowNumber, name: r.raw.姓名, community: r.raw.社区 });
  expect(rows).toHaveLength(names.length);
  rows.forEach((r, i) => {
    expect(r).toEqual({ rowNumber: i + 2, name: names[i], community: '霞阳,社区' });
  });
});
