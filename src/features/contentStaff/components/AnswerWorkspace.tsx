import type { PolicyAnswerLoaded, PolicyAnswerStaff } from '@contract/policy';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { Callout } from '@/components/Callout';
import { ConfirmStep } from '@/components/ConfirmStep';
import { EmptyState } from '@/components/EmptyState';
import { ErrorState } from '@/components/ErrorState';
import { Label } from '@/components/Label';
import { LoadingState } from '@/components/LoadingState';
import { SmallButton } from '@/components/SmallButton';
import { formatDay } from '@/lib/dates';
import { routes } from '@/lib/routes';
import { CloudCallError, messageOf } from '@/services/cloudError';
import { usePublishAnswer, useUnpublishAnswer } from '../api/answer-status';
import { useAnswerVersions, useRestoreAnswer } from '../api/answer-versions';
import { useAnswer } from '../api/load-answer';
import { stateTone, whenWords } from '../words';
import { AnswerEditor } from './AnswerEditor';
import { AnswerPreview } from './AnswerPreview';
import { PublishStep } from './PublishStep';
import { VersionHistory } from './VersionHistory';
import './contentStaff.scss';

const backToList = () => Taro.navigateBack().catch(() => Taro.redirectTo({ url: routes.staffPolicy() }));

/**
 * One answer in the console: a new one starts in the editor; an existing one opens on its summary
 * and actions, or in the editor when asked (a draft just made from a question).
 */
export function AnswerWorkspace({ answerId, editFirst = false }: { answerId: string; editFirst?: boolean }) {
  const [id, setId] = useState(answerId);
  const [news, setNews] = useState('');
  if (!id) {
    return (
      <AnswerEditor
        onSaved={(saved) => {
          setNews(`「${saved.question}」已保存为草稿，居民还看不到。点「预览」看看居民看到的样子，没问题再点「发布」。`);
          setId(saved.id);
        }}
        onCancel={backToList}
      />
    );
  }
  return <AnswerPanel id={id} news={news} onNews={setNews} editFirst={editFirst && id === answerId} />;
}

/** What residents will see now, in a sentence, after a publish. */
function publishedWords(a: PolicyAnswerStaff): string {
  const q = `「${a.question}」`;
  if (a.state === 'live') return `${q}已发布，居民现在就能在「政策问答」里看到、搜到。`;
  if (a.state === 'scheduled') return `${q}已设为定时发布：${whenWords(a.publishedAt)}起，居民才能看到。`;
  if (a.state === 'notYetEffective' && a.effectiveFrom) return `${q}已发布，到施行日期${formatDay(a.effectiveFrom)}起居民才能看到。`;
  return `${q}已发布（${a.stateWords}）。`;
}

type Panel = 'none' | 'preview' | 'versions';

function AnswerPanel({ id, news, onNews, editFirst }: { id: string; news: string; onNews: (s: string) => void; editFirst: boolean }) {
  const answer = useAnswer(id);
  const [editing, setEditing] = useState(editFirst);
  const [panel, setPanel] = useState<Panel>('none');
  const [confirming, setConfirming] = useState<'publish' | 'unpublish' | null>(null);
  const [problem, setProblem] = useState('');
  const publish = usePublishAnswer();
  const unpublish = useUnpublishAnswer();
  const restore = useRestoreAnswer();

  if (answer.isPending) return <LoadingState message="正在读取问答…" />;
  if (answer.isError) {
    if (answer.error instanceof CloudCallError && answer.error.code === 'NOT_FOUND') {
      return <EmptyState message="没有找到这条问答" hint="它可能已经被删掉了。" action={{ label: '回到问答列表', onClick: backToList }} />;
    }
    return <ErrorState error={answer.error} onRetry={() => answer.refetch()} />;
  }
  const a = answer.data;

  if (editing) {
    return (
      <AnswerEditor
        key={`${a.id}:${a.version}`}
        answer={a}
        onSaved={(saved) => {
          onNews(
            saved.status === 'published'
              ? `已保存修改（第${saved.version}版），居民马上看到新的内容。`
              : `已保存（第${saved.version}版）。点「预览」看看居民看到的样子，没问题再点「发布」。`,
          );
          setEditing(false);
        }}
        onCancel={() => setEditing(false)}
      />
    );
  }

  const toggle = (p: Panel) => setPanel(panel === p ? 'none' : p);
  const run = async (what: 'publish' | 'unpublish', at?: string | null) => {
    setProblem('');
    try {
      if (what === 'publish') onNews(publishedWords(await publish.mutateAsync({ id, publishAt: at ?? null })));
      else {
        await unpublish.mutateAsync(id);
        onNews(`「${a.question}」已撤下，居民看不到、也搜不到了。需要时可以再发布。`);
      }
    } catch (e) {
      setProblem(messageOf(e));
    }
    setConfirming(null);
  };
  const futureAt = a.publishAt && new Date(a.publishAt).getTime() > Date.now() ? a.publishAt : null;

  return (
    <View className="content-staff" id="answer-panel">
      <AnswerSummary answer={a} />
      {news ? (
        <Callout tone="done" id="answer-news">
          {news}
        </Callout>
      ) : null}
      {problem ? (
        <Callout tone="problem" id="answer-problem">
          {problem}
        </Callout>
      ) : null}
      {confirming === 'publish' ? (
        <PublishStep
          id="answer-publish"
          message={`确定发布「${a.question}」吗？`}
          readers="居民"
          where="「政策问答」"
          initialAt={futureAt}
          busy={publish.isPending}
          onConfirm={(at) => run('publish', at)}
          onCancel={() => setConfirming(null)}
        />
      ) : confirming === 'unpublish' ? (
        <ConfirmStep
          id="answer-unpublish"
          message={`确定撤下「${a.question}」吗？`}
          detail="撤下后，居民就看不到、也搜不到这条问答了。内容和历史版本都留着，以后可以再发布。"
          confirmLabel="确定撤下"
          busy={unpublish.isPending}
          onConfirm={() => run('unpublish')}
          onCancel={() => setConfirming(null)}
        />
      ) : (
        <View className="content-staff__actions">
          <SmallButton
            id="answer-edit"
            label="编辑"
            onClick={() => {
              onNews('');
              setEditing(true);
            }}
          />
          <SmallButton id="answer-preview-toggle" label={panel === 'preview' ? '收起预览' : '预览'} onClick={() => toggle('preview')} />
          {a.status === 'published' ? (
            <SmallButton id="answer-unpublish-start" label="撤下" kind="danger" onClick={() => setConfirming('unpublish')} />
          ) : (
            <SmallButton id="answer-publish-start" label="发布" kind="primary" onClick={() => setConfirming('publish')} />
          )}
          <SmallButton
            id="answer-versions-toggle"
            label={panel === 'versions' ? '收起历史版本' : '历史版本'}
            onClick={() => toggle('versions')}
          />
          <SmallButton id="answer-back" label="回到问答列表" onClick={backToList} />
        </View>
      )}
      {panel === 'preview' ? <AnswerPreview answerId={id} id="answer-preview" /> : null}
      {panel === 'versions' ? (
        <AnswerVersions
          id={id}
          restoring={restore.isPending}
          restore={async (version, requestId) => {
            const saved = await restore.mutateAsync({ id, version, requestId });
            onNews(`已恢复成第${version}版的内容，现在是第${saved.version}版。`);
          }}
          onRestored={() => setPanel('preview')}
        />
      ) : null}
    </View>
  );
}

function AnswerVersions({
  id,
  restore,
  restoring,
  onRestored,
}: {
  id: string;
  restore: (version: number, requestId: string) => Promise<void>;
  restoring: boolean;
  onRestored: () => void;
}) {
  const history = useAnswerVersions(id);
  return (
    <VersionHistory
      id="answer-versions"
      what="问答"
      history={history}
      renderPreview={(v) => <AnswerPreview answerId={id} version={v} id={`answer-versions-v${v}-view`} />}
      restore={restore}
      restoring={restoring}
      onRestored={onRestored}
    />
  );
}

/** The answer's state, version, who saved it last, and what readers said. */
function AnswerSummary({ answer: a }: { answer: PolicyAnswerLoaded }) {
  const { helpful, notHelpful } = a.feedback;
  return (
    <View className="content-staff__card" id="answer-summary" ariaRole="region" ariaLabel={`${a.question}，${a.stateWords}`}>
      <View className="content-staff__labels">
        <Label tone={stateTone(a.state)} text={a.stateWords} />
      </View>
      <View className="content-staff__heading" id="answer-summary-question">
        {a.question}
      </View>
      <View className="content-staff__text content-staff__muted" id="answer-summary-state">
        {a.category} · 第{a.version}版 · {whenWords(a.updatedAt)}保存
        {a.state === 'scheduled' && a.publishedAt ? ` · ${whenWords(a.publishedAt)}起居民才能看到` : ''}
        {a.origin === 'question' ? ' · 由群众提问整理（不显示提问人）' : ''}
      </View>
      {helpful + notHelpful > 0 ? (
        <View className="content-staff__text" id="answer-summary-feedback">
          读过的人里，{helpful} 人说有帮助，{notHelpful} 人说没帮助。
        </View>
      ) : null}
      {a.feedbackNotes.length ? (
        <View id="answer-summary-notes">
          <View className="content-staff__text content-staff__muted">最近的留言：</View>
          {a.feedbackNotes.map((n, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list read once
            <View key={i} className="content-staff__text">
              {n.helpful ? '有帮助' : '没帮助'}：{n.note}
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}
