import type { Notice } from '@contract/notices';
import { whenWords } from './words';

/** What residents see now, in a sentence, after a notice is published. */
export function noticePublishedWords(n: Notice): string {
  if (n.state === 'scheduled') return `「${n.title}」已设为定时发布：${whenWords(n.publishedAt)}起，${n.audienceWords}的居民才能看到。`;
  return `「${n.title}」已发布，${n.audienceWords}的居民现在就能看到。`;
}

/** When it goes up and comes down, in words for the list. */
export function timingWords(n: Notice): string {
  const parts: string[] = [];
  if (n.status === 'published' && n.publishedAt) parts.push(`${whenWords(n.publishedAt)}发布`);
  else if (n.publishAt) parts.push(`定在${whenWords(n.publishAt)}发布`);
  if (n.expireAt) parts.push(`${whenWords(n.expireAt)}自动下架`);
  return parts.join('，');
}
