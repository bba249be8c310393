import type { ContentHistory } from '@contract/content';
import type { UseQueryResult } from '@tanstack/react-query';
import { View } from '@tarojs/components';
import { type ReactNode, useState } from 'react';
import { Callout } from '@/components/Callout';
import { ConfirmStep } from '@/components/ConfirmStep';
import { EmptyState } from '@/components/EmptyState';
import { ErrorState } from '@/components/ErrorState';
import { LoadingState } from '@/components/LoadingState';
import { SmallButton } from '@/components/SmallButton';
import { newRequestId } from '@/lib/requestId';
import { messageOf } from '@/services/cloudError';
import { whenWords } from '../words';
import './contentStaff.scss';

interface VersionHistoryProps {
  /** Element ids: `<id>-v<n>`, `<id>-v<n>-preview`, `<id>-v<n>-restore`, and its step `<id>-v<n>-step-confirm`. */
  id: string;
  /** 问答 or 通知, for the sentences. */
  what: string;
  history: UseQueryResult<ContentHistory>;
  renderPreview: (version: number) => ReactNode;
  restore: (version: number, requestId: string) => Promise<unknown>;
  restoring: boolean;
  /** After a restore: the page says so (and usually closes the history). */
  onRestored: (version: number) => void;
}

/** 历史版本: who saved each version and when, each one previewed as residents would see it, and restored after a second step. */
export function VersionHistory({ id, what, history, renderPreview, restore, restoring, onRestored }: VersionHistoryProps) {
  const [open, setOpen] = useState<number | null>(null);
  const [confirming, setConfirming] = useState<number | null>(null);
  const [problem, setProblem] = useState('');
  // One id per intended restore: a tap again after a lost answer restores once.
  const [requestId, setRequestId] = useState(newRequestId);

  if (history.isPending) return <LoadingState message="正在读取历史版本…" />;
  if (history.isError) return <ErrorState error={history.error} onRetry={() => history.refetch()} />;
  const { current, versions } = history.data;

  const run = async (version: number) => {
    setProblem('');
    try {
      await restore(version, requestId);
      setRequestId(newRequestId());
      setConfirming(null);
      onRestored(version);
    } catch (e) {
      setProblem(messageOf(e));
      setConfirming(null);
    }
  };

  return (
    <View id={id} className="content-staff__group" ariaRole="region" ariaLabel="历史版本">
      <View className="content-staff__heading">历史版本</View>
      <View className="content-staff__text" id={`${id}-current`}>
        现在是第{current.version}版，{whenWords(current.savedAt)}
        {current.savedByName ? `由${current.savedByName}` : ''}保存。
      </View>
      {problem ? (
        <Callout tone="problem" id={`${id}-problem`}>
          {problem}
        </Callout>
      ) : null}
      {versions.length === 0 ? <EmptyState message="还没有以前的版本" hint={`这条${what}保存修改以后，修改前的内容会留在这里。`} /> : null}
      {versions.map((v) => {
        const vid = `${id}-v${v.version}`;
        return (
          <View key={v.version} id={vid} className="content-staff__card" ariaRole="region" ariaLabel={`第${v.version}版`}>
            <View className="content-staff__heading">
              第{v.version}版 · {whenWords(v.savedAt)}
              {v.savedByName ? ` · ${v.savedByName}` : ''}
            </View>
            <View className="content-staff__text">{v.title}</View>
            <View className="content-staff__text content-staff__muted">{v.summary}</View>
            {confirming === v.version ? (
              <ConfirmStep
                id={`${vid}-step`}
                kind="primary"
                message={`确定把内容恢复成第${v.version}版吗？`}
                detail={`现在的内容会留作第${current.version}版，以后还能恢复回来。发布状态和发布时间不变；已发布的${what}，居民马上看到恢复后的内容。`}
                confirmLabel="确定恢复"
                busy={restoring}
                onConfirm={() => run(v.version)}
                onCancel={() => setConfirming(null)}
              />
            ) : (
              <View className="content-staff__actions">
                <SmallButton
                  id={`${vid}-preview`}
                  label={open === v.version ? '收起这一版' : '看这一版'}
                  onClick={() => setOpen(open === v.version ? null : v.version)}
                />
                <SmallButton id={`${vid}-restore`} label="恢复这一版" kind="primary" onClick={() => setConfirming(v.version)} />
              </View>
            )}
            {open === v.version ? renderPreview(v.version) : null}
          </View>
        );
      })}
    </View>
  );
}
