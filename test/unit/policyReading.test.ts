/** The app's side of search hits and read-aloud: [[ ]] marks into parts, text into pieces a speech engine reads well. */
import { markedParts, unmarked } from '../../src/features/policy/marks';
import { speechPieces } from '../../src/lib/speechPieces';

test('[[ ]] marks become highlighted parts; brackets never show', () => {
  expect(markedParts('[[低保标准]]是多少？')).toEqual([
    { text: '低保标准', hit: true },
    { text: '是多少？', hit: false },
  ]);
  expect(markedParts('城乡[[最低生活保障]]（[[低保]]）')).toEqual([
    { text: '城乡', hit: false },
    { text: '最低生活保障', hit: true },
    { text: '（', hit: false },
    { text: '低保', hit: true },
    { text: '）', hit: false },
  ]);
  expect(markedParts('没有标记')).toEqual([{ text: '没有标记', hit: false }]);
  expect(markedParts('')).toEqual([]);
  // An unclosed mark is kept as it is; an empty one disappears.
  expect(markedParts('a[[b')).toEqual([{ text: 'a[[b', hit: false }]);
  expect(unmarked('[[]]养老金')).toBe('养老金');
  expect(unmarked('[[养老金]]怎么[[补发]]')).toBe('养老金怎么补发');
});

test('speech pieces: whole sentences, lines apart, none longer than the limit, nothing lost', () => {
  const text = '低保标准是每人每月1045元。\n家里收入低于这个标准的，可以申请！不方便出门的，请社区上门。';
  const pieces = speechPieces(text, 20);
  expect(pieces).toEqual(['低保标准是每人每月1045元。', '家里收入低于这个标准的，可以申请！', '不方便出门的，请社区上门。']);
  expect(speechPieces(text)).toEqual(['低保标准是每人每月1045元。家里收入低于这个标准的，可以申请！不方便出门的，请社区上门。']);

  const long = `${'一二三四五六七八九十'.repeat(5)}，${'甲乙丙丁'.repeat(10)}。`;
  const cut = speechPieces(long, 30);
  for (const p of cut) expect(p.length).toBeLessThanOrEqual(30);
  expect(cut.join('')).toBe(long);
  expect(speechPieces('  \n\n ')).toEqual([]);
});
