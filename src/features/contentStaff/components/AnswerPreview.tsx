import { View } from '@tarojs/components';
import { Callout } from '@/components/Callout';
import { ErrorState } from '@/components/ErrorState';
import { LoadingState } from '@/components/LoadingState';
import { useAnswerPreview } from '../api/preview-answer';
import { AnswerView } from './AnswerView';

/**
 * 预览: the answer (or an earlier version) drawn from `policy.preview` — the server's own
 * residents' view — with its sentence on whether and when residents see it.
 */
export function AnswerPreview({ answerId, version, id }: { answerId: string; version?: number; id: string }) {
  const preview = useAnswerPreview(answerId, version);
  if (preview.isPending) return <LoadingState message="正在生成预览…" />;
  if (preview.isError) return <ErrorState error={preview.error} onRetry={() => preview.refetch()} />;
  return (
    <View id={id}>
      <Callout tone={preview.data.visibleNow ? 'done' : 'info'} id={`${id}-note`}>
        {preview.data.note}
      </Callout>
      <AnswerView answer={preview.data.answer} id={`${id}-article`} />
    </View>
  );
}
