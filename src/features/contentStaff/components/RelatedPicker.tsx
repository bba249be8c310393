import { POLICY_RELATED_MAX } from '@contract/policy';
import { View } from '@tarojs/components';
import { useState } from 'react';
import { EmptyState } from '@/components/EmptyState';
import { ErrorState } from '@/components/ErrorState';
import { Field } from '@/components/Field';
import { LoadingState } from '@/components/LoadingState';
import { SmallButton } from '@/components/SmallButton';
import { domId } from '@/lib/domId';
import { useAnswers } from '../api/list-answers';
import { useAnswerTitles } from '../api/load-answer';
import { FieldError } from './FieldError';
import './contentStaff.scss';

interface RelatedPickerProps {
  /** The answer being edited (it cannot be related to itself); none for a new one. */
  selfId?: string;
  selected: string[];
  onChange: (ids: string[]) => void;
  error?: string;
}

/** 相关问答: the ones chosen, each with 去掉; 添加 opens the list of answers to pick from, with a filter by words. */
export function RelatedPicker({ selfId, selected, onChange, error }: RelatedPickerProps) {
  const [picking, setPicking] = useState(false);
  const titles = useAnswerTitles(selected);
  const full = selected.length >= POLICY_RELATED_MAX;
  return (
    <View className="content-staff__field" id="answer-related">
      <View className="content-staff__field-label">相关问答（可不选）</View>
      <View className="content-staff__hint">居民看完这一条，下面会列出这些问答，方便接着看。最多{POLICY_RELATED_MAX}条。</View>
      {selected.length === 0 ? <View className="content-staff__text content-staff__muted">还没有选。</View> : null}
      {selected.map((id) => (
        <View key={id} className="content-staff__card" id={domId('answer-related-chosen', id)}>
          <View className="content-staff__text">{titles.get(id) ?? '（正在读取…）'}</View>
          <SmallButton id={domId('answer-related-remove', id)} label="去掉" onClick={() => onChange(selected.filter((s) => s !== id))} />
        </View>
      ))}
      {picking ? (
        <AnswerChooser
          exclude={new Set([...(selfId ? [selfId] : []), ...selected])}
          onPick={(id) => {
            const next = [...selected, id];
            onChange(next);
            if (next.length >= POLICY_RELATED_MAX) setPicking(false);
          }}
          onClose={() => setPicking(false)}
        />
      ) : (
        <SmallButton
          id="answer-related-add"
          label={full ? `已经选了${POLICY_RELATED_MAX}条` : '添加相关问答'}
          disabled={full}
          onClick={() => setPicking(true)}
        />
      )}
      {error ? <FieldError id="answer-related-error" message={error} /> : null}
    </View>
  );
}

function AnswerChooser({ exclude, onPick, onClose }: { exclude: Set<string>; onPick: (id: string) => void; onClose: () => void }) {
  const [q, setQ] = useState('');
  const list = useAnswers({});
  if (list.isPending) return <LoadingState message="正在读取问答…" />;
  if (list.isError) return <ErrorState error={list.error} onRetry={() => list.refetch()} />;
  const words = q.trim();
  const shown = list.data.pages
    .flatMap((p) => p.items)
    .filter((a) => !exclude.has(a.id) && (!words || a.question.includes(words) || a.category.includes(words)));
  return (
    <View className="content-staff__group" id="answer-related-chooser">
      <Field id="answer-related-q" label="找一找" hint="写问题里的几个字，或分类的名称" value={q} onInput={setQ} maxlength={20} />
      {shown.length === 0 ? <EmptyState message="没有可以选的问答" /> : null}
      {shown.map((a) => (
        <View key={a.id} className="content-staff__card" id={domId('answer-related-option', a.id)}>
          <View className="content-staff__text">
            {a.question}
            <View className="content-staff__muted">
              {a.category} · {a.stateWords}
            </View>
          </View>
          <SmallButton id={domId('answer-related-pick', a.id)} label="选这条" kind="primary" onClick={() => onPick(a.id)} />
        </View>
      ))}
      {list.hasNextPage ? (
        <SmallButton id="answer-related-more" label="看更多问答" busy={list.isFetchingNextPage} onClick={() => list.fetchNextPage()} />
      ) : null}
      <SmallButton id="answer-related-close" label="选好了" onClick={onClose} />
    </View>
  );
}
