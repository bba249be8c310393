import { POLICY_CATEGORIES, type PolicyCategory, policySchemas, QUESTION_ANSWER_MAX } from '@contract/policy';
import { Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { BigButton } from '@/components/BigButton';
import { Callout } from '@/components/Callout';
import { Choices } from '@/components/Choices';
import { ErrorState } from '@/components/ErrorState';
import { LoadingState } from '@/components/LoadingState';
import { SmallButton } from '@/components/SmallButton';
import { firstIssue } from '@/lib/formErrors';
import { labelled } from '@/lib/labelled';
import { newRequestId } from '@/lib/requestId';
import { routes } from '@/lib/routes';
import { messageOf } from '@/services/cloudError';
import { useAnswerQuestion, usePublishQuestion, useQuestion } from '../api/questions';
import { askedWords, CATEGORY_CHOICES } from '../words';
import { FieldError } from './FieldError';
import './contentStaff.scss';

/**
 * One question, read whole (the server records the read), answered privately — only the asker
 * sees the answer, in 我的提问 — and, once answered, made into a draft policy answer with names and
 * numbers masked, which opens in the answer editor for staff to check before publishing.
 */
export function QuestionDetail({ id, onBack }: { id: string; onBack: () => void }) {
  const question = useQuestion(id);
  const [news, setNews] = useState('');
  if (question.isPending) return <LoadingState message="正在读取提问…" />;
  if (question.isError) return <ErrorState error={question.error} onRetry={() => question.refetch()} />;
  const q = question.data;
  return (
    <View className="content-staff" id="question-detail">
      <View className="content-staff__heading">{q.status === 'answered' ? '已答复的提问' : '等待答复的提问'}</View>
      <View className="content-staff__text content-staff__muted" id="question-asker">
        {askedWords(q)}
        {q.category ? ` · ${q.category}` : ''}
      </View>
      <View className="content-staff__quote" id="question-text">
        {q.text}
      </View>
      <AnswerForm id={q.id} answered={q.status === 'answered'} current={q.answer ?? ''} onAnswered={setNews} />
      {news ? (
        <Callout tone="done" id="question-answer-news">
          {news}
        </Callout>
      ) : null}
      {q.status === 'answered' ? <PublishAsAnswer id={q.id} category={q.category} publishedAnswerId={q.publishedAnswerId} /> : null}
      <SmallButton id="question-back" label="回到提问列表" onClick={onBack} />
    </View>
  );
}

interface AnswerFormProps {
  id: string;
  answered: boolean;
  current: string;
  /** The result line, kept by the page: answering changes the question this form belongs to. */
  onAnswered: (news: string) => void;
}

function AnswerForm({ id, answered, current, onAnswered }: AnswerFormProps) {
  const [text, setText] = useState(current);
  const [error, setError] = useState('');
  // One id per intended answer: a tap again after a lost reply applies it once.
  const [requestId, setRequestId] = useState(newRequestId);
  const answer = useAnswerQuestion();

  const send = () => {
    const input = { id, answer: text, requestId };
    const problem = firstIssue(policySchemas['question.answer'].safeParse(input));
    if (problem) return setError(problem);
    setError('');
    answer.mutate(input, {
      onSuccess: () => {
        setRequestId(newRequestId());
        onAnswered(
          answered ? '答复已经改好。只有提问的人能看到（在「我的提问」里）。' : '已答复。只有提问的人能看到这条答复（在「我的提问」里）。',
        );
      },
      onError: (e) => setError(messageOf(e)),
    });
  };

  return (
    <View className="content-staff__field" id="question-answer">
      <View className="content-staff__field-label">{answered ? '答复（可以修改）' : '答复'}</View>
      <View className="content-staff__hint">只有提问的人能看到。说清楚结论、怎么办、找谁；不要写别人的身份证号、电话。</View>
      {answered && current ? (
        <Callout tone="info" id="question-answer-current">
          现在的答复：{current}
        </Callout>
      ) : null}
      <Textarea
        id="question-answer-text"
        data-testid="question-answer-text"
        className={`content-staff__textarea${error ? ' content-staff__textarea--error' : ''}`}
        {...labelled(error ? `答复，${error}` : '答复')}
        value={text}
        maxlength={QUESTION_ANSWER_MAX}
        autoHeight
        placeholder="例如：您好，您父亲的养老金……"
        onInput={(e) => {
          setText(e.detail.value);
          setError('');
          onAnswered('');
        }}
      />
      {error ? <FieldError id="question-answer-text-error" message={error} /> : null}
      <BigButton
        id="question-answer-send"
        label={answered ? '保存修改后的答复' : '发送答复'}
        busy={answer.isPending}
        busyLabel="正在发送…"
        onClick={send}
      />
    </View>
  );
}

function PublishAsAnswer({
  id,
  category,
  publishedAnswerId,
}: {
  id: string;
  category: PolicyCategory | null;
  publishedAnswerId: string | null;
}) {
  const [chosen, setChosen] = useState<PolicyCategory | null>(category);
  const [error, setError] = useState('');
  const [problem, setProblem] = useState('');
  const [requestId, setRequestId] = useState(newRequestId);
  const publish = usePublishQuestion();
  const openDraft = (answerId: string, edit: boolean) => Taro.navigateTo({ url: routes.staffPolicyAnswer(answerId, edit) });

  const make = async () => {
    if (!chosen || !(POLICY_CATEGORIES as readonly string[]).includes(chosen)) return setError('请选择分类');
    setError('');
    setProblem('');
    try {
      const draft = await publish.mutateAsync({ id, category: chosen, requestId });
      setRequestId(newRequestId());
      openDraft(draft.id, true);
    } catch (e) {
      setProblem(messageOf(e));
    }
  };

  return (
    <View className="content-staff__group" id="question-publish">
      <View className="content-staff__heading">整理成政策问答</View>
      {publishedAnswerId ? (
        <>
          <View className="content-staff__text" id="question-publish-done">
            这个提问已经整理成一条问答草稿。
          </View>
          <BigButton id="question-open-draft" kind="secondary" label="打开这条问答" onClick={() => openDraft(publishedAnswerId, false)} />
        </>
      ) : (
        <>
          <View className="content-staff__text content-staff__muted">
            别人也可能问到的，可以整理成公开的问答：会生成一条草稿，提问人的姓名换成“某某”，身份证号、手机号遮住；居民还看不到，请在问答编辑页检查、修改后再发布。
          </View>
          <Choices
            id="question-publish-category"
            label="放在哪个分类"
            options={CATEGORY_CHOICES}
            selected={chosen ? [chosen] : []}
            onToggle={(c) => {
              setChosen(c);
              setError('');
            }}
            error={error}
          />
          {problem ? (
            <Callout tone="problem" id="question-publish-problem">
              {problem}
            </Callout>
          ) : null}
          <BigButton id="question-publish-start" label="整理成问答草稿" busy={publish.isPending} busyLabel="正在整理…" onClick={make} />
        </>
      )}
    </View>
  );
}
