import { randomUUID } from 'node:crypto';
import { COLLECTIONS } from '../../database/collections';
import { db } from '../_lib/cloud';

/**
 * One stamp for "the content changed": every save, publish, unpublish and restore of a notice or
 * an answer writes a new random value, after its own write. A warm instance keeps its search
 * index with the stamp it read *before* loading the documents, so a change it missed always
 * leaves a different stamp behind, and the next search rebuilds. Random, not a counter: two
 * writers racing both leave a new value, and no read-modify-write is needed.
 */
const STAMP_ID = 'content';

export async function contentChanged(): Promise<void> {
  await db().collection(COLLECTIONS.contentMeta).doc(STAMP_ID).set({ stamp: randomUUID(), at: new Date() });
}

export async function contentStamp(): Promise<string> {
  const { data } = await db().collection(COLLECTIONS.contentMeta).doc(STAMP_ID).get();
  return (data[0] as { stamp?: string } | undefined)?.stamp ?? 'none';
}
