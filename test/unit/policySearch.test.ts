import fc from 'fast-check';
import { createSearchIndex, explainQuery, MAX_QUERY_CHARS, type SearchDoc, SNIPPET_CHARS } from '../../cloudfunctions/_lib/search';
import { normalizeText } from '../../cloudfunctions/_lib/search/normalize';
import { parseLatin } from '../../cloudfunctions/_lib/search/pinyin';
import { tokenize } from '../../cloudfunctions/_lib/search/tokenize';
import { TopK } from '../../cloudfunctions/_lib/search/topK';

/** The search engine for policy answers and notices: pure functions over a small fixed corpus. */
const answer = (id: string, title: string, body: string, extra: Partial<SearchDoc> = {}): SearchDoc => ({
  id,
  kind: 'answer',
  title,
  body,
  ...extra,
});
const DOCS: SearchDoc[] = [
  answer(
    'cert',
    '什么是养老保险待遇领取资格认证？',
    '领取养老金的退休人员需要定期确认仍然符合领取条件，这就是资格认证。比对确认不了的，由本人在微信上刷脸认证。',
  ),
  answer('cycle', '认证多久做一次？', '两次认证之间最长不超过12个月，一年中任何时候都可以认证。'),
  answer('pension-date', '养老金每个月什么时候发？', '养老金按月发放，每月中旬前打到社保卡的金融账户里。'),
  answer('dibao', '低保标准是多少？', '本区城乡最低生活保障标准为每人每月1,045元，低于这个标准的家庭可以申请。'),
  answer('tekun', '特困人员供养标准是多少？', '特困人员基本生活标准为每人每月1,568元，过去农村叫五保户。'),
  answer('meal', '老年助餐补贴有多少？', '在长者食堂就餐，60至69岁每餐补贴3元，70岁以上每餐补贴6元。'),
  answer('funeral', '退休人员去世后，家属能领哪些钱？', '家属可以领取丧葬补助金和一次性抚恤金，退服中心另外发放慰问金。'),
  answer('resident', '城乡居民养老保险什么时候可以领？', '年满60周岁、累计缴费满15年的，可以按月领取居民养老保险待遇。'),
  answer('disability', '怎么办理残疾人证？', '带身份证和户口簿向街道残联申请，评定合格的发放残疾人证。'),
  answer('archive', '怎么查自己的人事档案？', '档案已经数字化，可以在小程序预约查询，也可以到退服中心当场查阅。'),
  answer('body-only', '常见问题汇总', '这里汇总了很多问题。其中也提到低保：申请时请带好材料。'),
  answer('brackets', '填表说明', '表格里写着[[不要填]]的地方请留空，养老金账号写在最后一栏。'),
  { id: 'notice-cert', kind: 'notice', title: '资格认证集中服务日', body: '本周六上午在社区服务站集中办理资格认证。' },
  { id: 'notice-meal', kind: 'notice', title: '桂花社区长者食堂开业', body: '长者食堂本周一开业，刷身份证享受助餐补贴。' },
];
const index = createSearchIndex(DOCS);
const ids = (q: string, opts?: Parameters<typeof index.search>[1]) => index.search(q, opts).map((h) => h.id);
const top = (q: string, opts?: Parameters<typeof index.search>[1]) => ids(q, opts)[0];
const visible = (marked: string) => [...marked.replace(/\[\[|\]\]/g, '')].length;
const tokens = (text: string) => {
  const out: string[] = [];
  tokenize(normalizeText(text), (key) => out.push(key));
  return out;
};

describe('normalising and segmenting', () => {
  it('keeps every position: full-width, capitals, ü and traditional characters map one to one', () => {
    expect(normalizeText('ＡＢＣ１２３　養老金資格認證ü')).toBe('abc123 养老金资格认证v');
    const text = '（養老金）Ｎｓ';
    expect(normalizeText(text)).toHaveLength(text.length);
  });

  it('segments with ICU and keeps the domain words whole, beside bigrams', () => {
    const t = tokens('低保标准和养老金');
    expect(t).toEqual(expect.arrayContaining(['w标准', 'w低保', 'w养老金', 'b低保', 'b老金']));
    expect(t).not.toContain('w和'); // a one-character stopword is not a word
  });

  it('reads numbers without their thousands separators and Latin words in lower case', () => {
    expect(tokens('每月1,045元，拨打12333或用APP')).toEqual(expect.arrayContaining(['a1045', 'a12333', 'aapp']));
  });
});

describe('pinyin', () => {
  it('splits typed letters into syllables, and letters that start no syllable into initials', () => {
    expect(parseLatin('nianshen', 0).map((u) => `${u.kind[0]}:${(u as { text: string }).text}`)).toEqual(['s:nian', 's:shen']);
    expect(parseLatin('zgrz', 0).every((u) => u.kind === 'initial')).toBe(true);
    expect(parseLatin('yanglaoj', 0).map((u) => u.kind)).toEqual(['syllable', 'syllable', 'initial']);
  });

  it.each([
    ['nianshen', 'cert'],
    ['yanglaojin', 'pension-date'],
    ['dibao', 'dibao'],
    ['tekun', 'tekun'],
    ['dangan chaxun', 'archive'],
    ['canjirenzheng', 'disability'],
  ])('finds %s by its full pinyin', (q, id) => {
    expect(ids(q).slice(0, 2)).toContain(id);
  });

  it.each([
    ['ylj', 'pension-date'],
    ['zgrz', 'cert'],
    ['db', 'dibao'],
    ['ns', 'cert'],
    ['ＮＳ', 'cert'],
    ['cxjmylbx', 'resident'],
  ])('finds %s by pinyin initials', (q, id) => {
    expect(ids(q).slice(0, 2)).toContain(id);
  });

  it('reads mixed input: characters and pinyin in one word', () => {
    expect(top('养老jin')).toBe('pension-date');
    expect(top('低bao标准')).toBe('dibao');
    expect(explainQuery('养老jin').expanded).toContain('养老金');
  });

  it('does not read a run of letters by initials unless the whole run is read', () => {
    expect(explainQuery('sfsdfsdfsdf').expanded).toEqual([]);
    expect(ids('<script>alert(1)</script>')).toEqual([]);
  });

  it('explains what it understood, for "did you mean"', () => {
    expect(explainQuery('ylj')).toEqual({ terms: ['ylj'], expanded: expect.arrayContaining(['养老金', '退休金']) });
    expect(explainQuery('zgrz').expanded[0]).toBe('资格认证');
  });
});

describe('synonyms', () => {
  it.each([
    ['年审', 'cert'],
    ['生存认证', 'cert'],
    ['退休工资什么时候发', 'pension-date'],
    ['最低生活保障', 'dibao'],
    ['五保户', 'tekun'],
    ['新农保', 'resident'],
    ['老年食堂补贴', 'meal'],
    ['残障证', 'disability'],
    ['抚恤金', 'funeral'],
  ])('%s finds the answer that uses another word', (q, id) => {
    expect(top(q)).toBe(id);
  });

  it('turns colloquial words towards the centre’s words, one way', () => {
    expect(top('吃饭补贴')).toBe('meal');
    expect(top('我妈去世了能领多少钱')).toBe('funeral');
    expect(explainQuery('年审').expanded).toEqual(expect.arrayContaining(['资格认证', '生存认证']));
  });
});

describe('a wrong character', () => {
  it.each([
    ['养老今', 'pension-date'],
    ['年申', 'cert'],
    ['资格人证', 'cert'],
    ['低报标准', 'dibao'],
    ['残急人证', 'disability'],
  ])('%s is read by its sound', (q, id) => {
    expect(ids(q).slice(0, 2)).toContain(id);
  });

  it.each([
    ['资格认正', '资格认证'],
    ['特因供养', '特困供养'],
    ['资格证', '资格认证'],
  ])('%s is one character from %s', (q, word) => {
    expect(explainQuery(q).expanded).toContain(word);
  });

  it('leaves a word that exists alone (no correction of what was typed right)', () => {
    expect(explainQuery('养老金').expanded).not.toContain('养老今');
    expect(explainQuery('养老金停发了').expanded).not.toContain('养老保险');
  });
});

describe('ranking', () => {
  it('puts a title match above a body-only match', () => {
    const order = ids('低保');
    expect(order.indexOf('dibao')).toBeLessThan(order.indexOf('body-only'));
  });

  it('puts the document with more of the query’s concepts first', () => {
    expect(top('特困 标准')).toBe('tekun');
    expect(top('低保 标准')).toBe('dibao');
  });

  it('gives the exact phrase a bonus', () => {
    const phrase = createSearchIndex([
      answer('apart', '认证时间和资格说明', '说明认证的时间，以及领取的资格。'),
      answer('together', '资格认证时间说明', '说明认证的时间，以及领取的资格。'),
    ]);
    const [first, second] = phrase.search('资格认证');
    expect(first.id).toBe('together');
    expect(first.score).toBeGreaterThan(second.score);
  });

  it('keeps the k best scores, ties to the lower document number, whatever the order offered', () => {
    const kept = new TopK(3);
    for (const [d, score] of [
      [5, 1],
      [1, 3],
      [4, 2],
      [2, 3],
      [3, 0.5],
      [0, 2],
    ])
      kept.offer(d, score);
    expect(kept.sorted()).toEqual([
      { d: 1, score: 3 },
      { d: 2, score: 3 },
      { d: 0, score: 2 },
    ]);
  });

  it('filters by kind and keeps to the limit', () => {
    expect(ids('资格认证', { kind: 'notice' })).toEqual(['notice-cert']);
    expect(ids('资格认证', { kind: 'answer' })).not.toContain('notice-cert');
    expect(ids('认证', { limit: 1 })).toHaveLength(1);
    expect(ids('认证', { limit: 0 })).toHaveLength(1);
    expect(ids('认证', { limit: 'lots' as any })).toHaveLength(3);
    expect(index.size).toBe(DOCS.length);
  });
});

describe('highlighting', () => {
  it('wraps the matches in the title and the snippet as [[…]]', () => {
    const [hit] = index.search('低保标准');
    expect(hit.titleMarked).toBe('[[低保标准]]是多少？');
    expect(hit.snippetMarked).toContain('[[标准]]');
  });

  it('hands hits over as plain data (the marks are made when first read)', () => {
    const [hit] = index.search('低保标准');
    const copy = JSON.parse(JSON.stringify(hit));
    expect(copy).toEqual({
      id: 'dibao',
      kind: 'answer',
      score: hit.score,
      titleMarked: '[[低保标准]]是多少？',
      snippetMarked: hit.snippetMarked,
    });
    expect({ ...hit }.titleMarked).toBe(hit.titleMarked);
    expect(structuredClone(hit).snippetMarked).toBe(hit.snippetMarked);
  });

  it('marks a number however its thousands are written', () => {
    expect(index.search('1045')[0].snippetMarked).toContain('[[1,045]]');
    expect(index.search('1,045')[0].snippetMarked).toContain('[[1,045]]');
  });

  it('marks what a typo or pinyin was read as, in the original text', () => {
    expect(index.search('ylj')[0].titleMarked).toBe('[[养老金]]每个月什么时候发？');
    const traditional = createSearchIndex([answer('t', '養老金發放', '每月發放')]);
    expect(traditional.search('养老金')[0].titleMarked).toBe('[[養老金]]發放');
  });

  it('shows square brackets of the text full-width, so they never read as markers', () => {
    const hit = index.search('养老金账号').find((h) => h.id === 'brackets')!;
    expect(hit.snippetMarked).toContain('［［不要填］］');
    expect(hit.snippetMarked).toContain('[[养老金]]');
  });

  it('cuts a long body to a snippet of at most 80 characters around the matches', () => {
    const long = createSearchIndex([answer('long', '说明', `${'前面的内容。'.repeat(30)}这里讲低保标准。${'后面的内容。'.repeat(30)}`)]);
    const [hit] = long.search('低保');
    expect(visible(hit.snippetMarked)).toBeLessThanOrEqual(SNIPPET_CHARS);
    expect(hit.snippetMarked).toMatch(/^….*\[\[低保\]\].*…$/);
  });
});

describe('queries that are empty, garbage or too long', () => {
  it.each(['', '   ', '！！！？？', '😀😀', '的了吗', 'x'])('%j gives no result and does not throw', (q) => {
    expect(index.search(q)).toEqual([]);
  });

  it('takes anything as a query', () => {
    for (const q of [null, undefined, 42, {}, ['低保']]) expect(() => index.search(q as any)).not.toThrow();
    expect(explainQuery(undefined as any)).toEqual({ terms: [], expanded: [] });
  });

  it('cuts a very long query to its first characters', () => {
    const q = `低保${'的'.repeat(200)}${'养老金'.repeat(300)}`;
    const started = Date.now();
    expect(top(q)).toBe('dibao');
    expect(Date.now() - started).toBeLessThan(2000);
    expect(explainQuery(q).terms.join('').length).toBeLessThanOrEqual(MAX_QUERY_CHARS);
  });

  it('builds an empty index and searches it', () => {
    const empty = createSearchIndex([]);
    expect(empty.size).toBe(0);
    expect(empty.search('低保')).toEqual([]);
  });

  it('never throws, and every hit is well formed, whatever is typed', () => {
    const alphabet = fc.constantFrom(...'低保养老金资格认证年审ylj nsdb　，。！?[]<>😀1,045ＡＢ養');
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 120 }).map((cs) => cs.join('')),
        (q) => {
          for (const hit of index.search(q)) {
            expect(visible(hit.snippetMarked)).toBeLessThanOrEqual(SNIPPET_CHARS);
            for (const marked of [hit.titleMarked, hit.snippetMarked]) {
              const opens = marked.split('[[').length - 1;
              expect(marked.split(']]').length - 1).toBe(opens);
              expect(marked).not.toMatch(/\[\[\]\]/);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
