import type { NoticeAttachment } from '@contract/notices';
import { View } from '@tarojs/components';
import { useState } from 'react';
import { ArticleBody } from '@/components/ArticleBody';
import { Callout } from '@/components/Callout';
import { ErrorState } from '@/components/ErrorState';
import { Label } from '@/components/Label';
import { LoadingState } from '@/components/LoadingState';
import { SmallButton } from '@/components/SmallButton';
import { formatChineseDate } from '@/lib/dates';
import { openFile } from '@/services/openFile';
import { useNoticePreview } from '../api/preview-notice';
import '@/features/notices/components/notices.scss';
import './contentStaff.scss';

/**
 * 预览: a notice (or an earlier version) from `notice.preview` — the server's residents' view —
 * drawn like the residents' notice page, with the sentence on whether and when they see it.
 */
export function NoticePreview({ noticeId, version, id }: { noticeId: string; version?: number; id: string }) {
  const preview = useNoticePreview(noticeId, version);
  if (preview.isPending) return <LoadingState message="正在生成预览…" />;
  if (preview.isError) return <ErrorState error={preview.error} onRetry={() => preview.refetch()} />;
  const { notice, note, visibleNow } = preview.data;
  const date = formatChineseDate(notice.publishedAt);
  return (
    <View id={id}>
      <Callout tone={visibleNow ? 'done' : 'info'} id={`${id}-note`}>
        {note}
      </Callout>
      <View className="content-staff__preview">
        <View className="notice-article" ariaRole="article" ariaLabel={notice.title}>
          {notice.pinned ? <Label tone="pinned" text="置顶" /> : null}
          <View className="notice-article__title" ariaRole="heading" aria-level="2" id={`${id}-title`}>
            {notice.title}
          </View>
          {date ? <View className="notice-article__date">发布于 {date}</View> : null}
          <ArticleBody id={`${id}-body`} body={notice.body} format={notice.bodyFormat} paragraphClassName="notice-article__paragraph" />
          {notice.attachments.length ? <Attachments id={`${id}-files`} files={notice.attachments} /> : null}
        </View>
      </View>
    </View>
  );
}

function Attachments({ id, files }: { id: string; files: NoticeAttachment[] }) {
  const [problem, setProblem] = useState('');
  return (
    <View id={id}>
      <View className="content-staff__heading">附件</View>
      {files.map((f, i) => (
        <View key={f.fileId} className="content-staff__card">
          <View className="content-staff__text">{f.name}</View>
          {f.url ? (
            <SmallButton
              id={`${id}-${i}`}
              label="打开"
              onClick={() => openFile({ url: f.url as string, fileName: f.name }).catch((e: Error) => setProblem(e.message))}
            />
          ) : (
            <View className="content-staff__text content-staff__muted">这个文件找不到了，请重新上传。</View>
          )}
        </View>
      ))}
      {problem ? <Callout tone="problem">{problem}</Callout> : null}
    </View>
  );
}
