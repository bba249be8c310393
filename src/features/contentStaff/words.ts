import { STREETS } from '@contract/accounts';
import { type ContentState, instantWords } from '@contract/content';
import { POLICY_CATEGORIES, type PolicyCategory, type StaffQuestion } from '@contract/policy';
import { inShanghai } from '@contract/time';

/** Categories are Chinese; element ids take these short English keys instead. */
const CATEGORY_KEYS: Record<PolicyCategory, string> = {
  资格认证: 'cert',
  养老金发放: 'pension',
  丧葬抚恤和慰问金: 'condolence',
  档案: 'archives',
  老年助餐: 'meals',
  '社会救助（低保/特困）': 'assistance',
  城乡居民养老保险: 'resident-insurance',
  残疾人服务: 'disability',
};

export const categoryKey = (c: PolicyCategory) => CATEGORY_KEYS[c];

export const CATEGORY_CHOICES = POLICY_CATEGORIES.map((c) => ({ value: c, label: c, key: CATEGORY_KEYS[c] }));

/** Streets by position: `notice-streets-0` is 海沧街道. */
export const STREET_CHOICES = STREETS.map((s, i) => ({ value: s, label: s, key: String(i) }));

/** The label's colour for a state; the words always say it. */
export function stateTone(state: ContentState): 'draft' | 'published' {
  return state === 'live' || state === 'scheduled' ? 'published' : 'draft';
}

/** '2026年12月1日 08:00', or '' for none. */
export const whenWords = (iso: string | null | undefined) => (iso ? instantWords(iso) : '');

/** Splits keywords typed with commas, 、 or spaces. */
export function keywordsOf(s: string): string[] {
  return s
    .split(/[,，、;；\s]+/)
    .map((k) => k.trim())
    .filter(Boolean);
}

/** Who asked, in words for staff: 本人 or 家属. */
export const askerRoleWords = (role: 'retiree' | 'family') => (role === 'family' ? '家属' : '本人');

/** An instant as staff type it back into a field: '2026-12-01 08:00' (Beijing time); '' for none. */
export const instantInput = (iso: string | null | undefined) => (iso ? inShanghai(iso).format('YYYY-MM-DD HH:mm') : '');

/** Who asked and from where, for staff: '林秀英（本人）· 海沧街道 · 2026年11月20日 09:30提问'. */
export function askedWords(q: Pick<StaffQuestion, 'askerName' | 'askerRole' | 'streets' | 'createdAt'>): string {
  return [`${q.askerName}（${askerRoleWords(q.askerRole)}）`, q.streets.join('、'), `${whenWords(q.createdAt)}提问`]
    .filter(Boolean)
    .join(' · ');
}
