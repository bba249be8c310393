import { cloud } from '../_lib/cloud';

/** Temporary download links (one day) for a notice's attachments; a file that is gone gets null. */
export async function tempUrls(fileIds: string[]): Promise<Map<string, string | null>> {
  const out = new Map<string, string | null>();
  const unique = [...new Set(fileIds)];
  for (let i = 0; i < unique.length; i += 50) {
    const batch = unique.slice(i, i + 50);
    try {
      const res = (await cloud().getTempFileURL({ fileList: batch.map((fileID) => ({ fileID, maxAge: 86_400 })) })) as {
        fileList: Array<{ fileID: string; tempFileURL?: string; code?: string }>;
      };
      for (const f of res.fileList) out.set(f.fileID, f.code && f.code !== 'SUCCESS' ? null : f.tempFileURL || null);
    } catch (e) {
      // The notice is still worth reading without its links.
      console.error('[content] attachment links failed', e);
    }
  }
  for (const id of unique) if (!out.has(id)) out.set(id, null);
  return out;
}
