import { type ContentHistory, summaryOf, VERSION_LIST_MAX } from '../../contract/content';
import { COLLECTIONS } from '../../database/collections';
import { db } from '../_lib/cloud';

/**
 * Version history of notices and answers. Before an edit replaces version N of an item, version N
 * is written to `content_versions` under the id `<kind>:<itemId>:<N>`: a retried or raced edit
 * writes the same document again, never a second copy. The item itself always holds the current
 * version; restoring an earlier one is an edit (so the version it replaces is kept too).
 */
export type VersionKind = 'notice' | 'answer';

export interface VersionDoc<S> {
  _id: string;
  kind: VersionKind;
  itemId: string;
  version: number;
  /** The item's content fields as they were. */
  snapshot: S;
  title: string;
  summary: string;
  /** When this version was saved, and by whom (it stayed current until `replacedAt`). */
  savedAt: Date;
  savedByName: string | null;
  replacedAt: Date;
  replacedBy: string | null;
}

const versions = () => db().collection(COLLECTIONS.contentVersions);
const versionId = (kind: VersionKind, itemId: string, version: number) => `${kind}:${itemId}:${version}`;

export async function keepVersion<S>(
  kind: VersionKind,
  itemId: string,
  v: { version: number; snapshot: S; title: string; text: string; savedAt: Date; savedByName: string | null },
  replacedBy: string | null,
  at: Date,
): Promise<void> {
  const { version, snapshot, title, text, savedAt, savedByName } = v;
  const doc: Omit<VersionDoc<S>, '_id'> = {
    kind,
    itemId,
    version,
    snapshot,
    title,
    summary: summaryOf(text),
    savedAt,
    savedByName,
    replacedAt: at,
    replacedBy,
  };
  await versions()
    .doc(versionId(kind, itemId, version))
    .set(doc);
}

export async function getVersion<S>(kind: VersionKind, itemId: string, version: number): Promise<VersionDoc<S> | null> {
  const { data } = await versions()
    .doc(versionId(kind, itemId, version))
    .get();
  return (data[0] as VersionDoc<S> | undefined) ?? null;
}

export async function history(
  kind: VersionKind,
  itemId: string,
  current: { version: number; savedAt: Date; savedByName: string | null },
): Promise<ContentHistory> {
  const { data } = await versions()
    .where({ itemId, kind })
    .orderBy('version', 'desc')
    .limit(VERSION_LIST_MAX)
    .field({ snapshot: false })
    .get();
  return {
    current: { version: current.version, savedAt: new Date(current.savedAt).toISOString(), savedByName: current.savedByName },
    versions: (data as Array<VersionDoc<unknown>>)
      .filter((d) => d.version < current.version)
      .map((d) => ({
        version: d.version,
        savedAt: new Date(d.savedAt).toISOString(),
        savedByName: d.savedByName,
        title: d.title,
        summary: d.summary,
      })),
  };
}
