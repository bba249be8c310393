import type { Streets } from '@contract/accounts';

/** A staff member's scope in words: 全区 or the streets joined with 、. */
export const streetsWords = (streets: Streets): string =>
  streets === 'all' ? '全区' : streets.length ? streets.join('、') : '（还没有分配）';
