import {
  OPEN_QUESTIONS_MAX,
  POLICY_CATEGORIES,
  type PolicyCategory,
  policySchemas,
  QUESTION_TEXT_MAX,
  QUESTION_TEXT_MIN,
} from '@contract/policy';
import { Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import { BigButton } from '@/components/BigButton';
import { Callout } from '@/components/Callout';
import { Choices } from '@/components/Choices';
import { firstIssue } from '@/lib/formErrors';
import { labelled } from '@/lib/labelled';
import { newRequestId } from '@/lib/requestId';
import { messageOf } from '@/services/cloudError';
import { useAskQuestion } from '../api/ask-question';
import './policy.scss';

const CATEGORY_CHOICES = POLICY_CATEGORIES.map((c, i) => ({ value: c, label: c, key: String(i) }));

/**
 * Writing a question to the centre: the words, a category if they know it, and the limit said
 * plainly. `waiting` is how many of mine still wait for an answer (from 我的提问).
 */
export function AskQuestion({ waiting }: { waiting: number }) {
  const ask = useAskQuestion();
  const [text, setText] = useState('');
  const [category, setCategory] = useState<PolicyCategory | null>(null);
  // One id per intended question: a tap again after an error asks the same question, not a second one.
  const [requestId, setRequestId] = useState(newRequestId);
  const [problem, setProblem] = useState('');
  const [news, setNews] = useState('');
  const full = waiting >= OPEN_QUESTIONS_MAX;

  const submit = async () => {
    setNews('');
    const input = { text: text.trim(), category, requestId };
    const checked = policySchemas['question.ask'].safeParse(input);
    setProblem(firstIssue(checked));
    if (!checked.success) return;
    try {
      await ask.mutateAsync(input);
      setText('');
      setCategory(null);
      setRequestId(newRequestId());
      setNews('问题已经交给工作人员了。答复以后会显示在下面的“我的提问”里。');
    } catch (e) {
      setProblem(messageOf(e));
    }
  };

  return (
    <View id="policy-ask-form" className="policy-ask" ariaRole="form" ariaLabel="问工作人员">
      <View className="policy-ask__rules">
        每个人最多可以有{OPEN_QUESTIONS_MAX}个问题同时等待答复，答复以后就可以再问。工作人员的答复只有您自己能看到。
      </View>
      {waiting > 0 ? (
        <View id="policy-ask-waiting" className="policy-ask__waiting">
          您现在有{waiting}个问题在等待答复{full ? '，已经到了上限。' : '。'}
        </View>
      ) : null}
      {news ? (
        <Callout tone="done" id="policy-ask-news">
          {news}
        </Callout>
      ) : null}
      {full ? (
        <Callout tone="info" id="policy-ask-full">
          等工作人员答复了其中一个，就可以再问。着急的话，请打下面的电话。
        </Callout>
      ) : (
        <>
          <View className="policy-ask__label">您想问什么？</View>
          <View className="policy-ask__hint">
            写{QUESTION_TEXT_MIN}到{QUESTION_TEXT_MAX}个字，说清楚是什么事。请不要写身份证号、银行卡号。
          </View>
          <Textarea
            id="question-text"
            data-testid="question-text"
            className={`policy-ask__textarea${problem ? ' policy-ask__textarea--error' : ''}`}
            {...labelled(problem ? `您想问什么，${problem}` : '您想问什么')}
            value={text}
            maxlength={QUESTION_TEXT_MAX}
            autoHeight
            placeholder="比如：我下个月搬到女儿家住，养老金还发到原来的卡上吗？"
            onInput={(e) => setText(e.detail.value)}
          />
          <Choices
            id="question-category"
            label="是哪一类的事？（不知道可以不选）"
            options={CATEGORY_CHOICES}
            selected={category ? [category] : []}
            onToggle={(value) => setCategory(value === category ? null : value)}
          />
          {problem ? (
            <Callout tone="problem" id="policy-ask-problem">
              {problem}
            </Callout>
          ) : null}
          <BigButton id="question-submit" label="提交问题" busy={ask.isPending} busyLabel="正在提交…" onClick={submit} />
        </>
      )}
    </View>
  );
}
