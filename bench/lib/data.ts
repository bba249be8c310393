import crypto from 'node:crypto';

/**
 * Deterministic roster-shaped documents for the benchmarks. Row `i` depends only on
 * (seed, i), so either side of a comparison can regenerate any row (and its idHash)
 * without keeping the data set around, and both sides insert identical documents.
 */

/** mulberry32: a small, fast 32-bit PRNG; returns floats in [0, 1). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A PRNG for row i of stream `seed` (mixes the two so neighbouring rows are unrelated). */
function rowRandom(seed: number, i: number) {
  return prng(Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(i + 1, 0xc2b2ae35));
}

export const STREETS = ['东湖街道', '西山街道', '南塘街道', '北苑街道'];
/** 20 communities, 5 per street; community k belongs to street k % 4. */
export const COMMUNITIES = [
  '桂花',
  '樟树',
  '梅园',
  '荷塘',
  '竹林',
  '枫桥',
  '杏坛',
  '柳岸',
  '松鹤',
  '兰亭',
  '海棠',
  '银杏',
  '丁香',
  '紫藤',
  '芙蓉',
  '玉兰',
  '石榴',
  '青桐',
  '白鹭',
  '春晖',
].map((n) => `${n}社区`);

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '秀英桂兰玉梅凤珍淑华建国志强文明德明永红海燕立新金花国庆爱民振华春生';

/** Fixed "now" for generated dates: the data must not depend on the clock. */
const EPOCH = Date.UTC(2025, 0, 1);
const TWO_YEARS_MS = 2 * 365 * 86_400_000;

export interface RosterDoc {
  name: string;
  street: string;
  community: string;
  idHash: string;
  birthYear: number;
  lastCertifiedAt: Date;
}

export function idHashOf(seed: number, i: number): string {
  return crypto.createHash('sha256').update(`bench-roster:${seed}:${i}`).digest('hex');
}

/** Row i of the roster with this seed (a fresh object every call). */
export function rosterDoc(seed: number, i: number): RosterDoc {
  const r = rowRandom(seed, i);
  const pick = (s: string) => s[Math.floor(r() * s.length)];
  const given = r() < 0.5 ? pick(GIVEN) : pick(GIVEN) + pick(GIVEN);
  const c = Math.floor(r() * COMMUNITIES.length);
  return {
    name: pick(SURNAMES) + given,
    street: STREETS[c % STREETS.length],
    community: COMMUNITIES[c],
    idHash: idHashOf(seed, i),
    birthYear: 1935 + Math.floor(r() * 31), // 1935–1965
    lastCertifiedAt: new Date(EPOCH - Math.floor(r() * TWO_YEARS_MS)),
  };
}

/** Rows [from, to) as fresh objects. */
export function rosterDocs(seed: number, from: number, to: number): RosterDoc[] {
  const out: RosterDoc[] = [];
  for (let i = from; i < to; i++) out.push(rosterDoc(seed, i));
  return out;
}
