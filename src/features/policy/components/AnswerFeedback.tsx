import { FEEDBACK_NOTE_MAX, type PolicyAnswerView } from '@contract/policy';
import { View } from '@tarojs/components';
import { useState } from 'react';
import { BigButton } from '@/components/BigButton';
import { Callout } from '@/components/Callout';
import { Field } from '@/components/Field';
import { useMe } from '@/features/account/api/get-me';
import { messageOf } from '@/services/cloudError';
import { useSendFeedback } from '../api/send-feedback';
import './policy.scss';

/**
 * "这条回答有帮助吗？" 有帮助 / 没帮助, then an optional short note. One answer per person: choosing
 * again changes it (the note already left is sent along, so it is kept). Signing in is needed,
 * as the server keeps one answer per sign-in.
 */
export function AnswerFeedback({ answer }: { answer: PolicyAnswerView }) {
  const me = useMe();
  const send = useSendFeedback();
  const [note, setNote] = useState('');
  const [news, setNews] = useState('');
  const mine = answer.myFeedback;

  if (!me.data) return null;
  if (me.data.role === 'anonymous') {
    return (
      <View id="policy-feedback" className="policy-feedback">
        <View className="policy-feedback__hint">登录以后，可以告诉我们这条回答有没有帮助。</View>
      </View>
    );
  }

  const choose = async (helpful: boolean) => {
    setNews('');
    try {
      await send.mutateAsync({ id: answer.id, helpful, note: mine?.note ?? null });
      setNews(helpful ? '谢谢您告诉我们！' : '谢谢您告诉我们，我们会把这条回答写得更清楚。');
    } catch {
      // shown below
    }
  };
  const sendNote = async () => {
    if (!mine) return;
    setNews('');
    try {
      await send.mutateAsync({ id: answer.id, helpful: mine.helpful, note: note.trim() || null });
      setNote('');
      setNews('留言收到了，谢谢您。');
    } catch {
      // shown below
    }
  };

  const option = (helpful: boolean, label: string) => {
    const on = mine?.helpful === helpful;
    return (
      <View className="policy-feedback__option">
        <BigButton
          id={helpful ? 'feedback-helpful' : 'feedback-not-helpful'}
          kind={on ? 'primary' : 'secondary'}
          label={on ? `✓ ${label}` : label}
          disabled={send.isPending}
          onClick={() => choose(helpful)}
        />
      </View>
    );
  };

  return (
    <View id="policy-feedback" className="policy-feedback" ariaRole="region" ariaLabel="这条回答有帮助吗">
      <View className="policy-section-title" ariaRole="heading" aria-level="2">
        这条回答有帮助吗？
      </View>
      <View className="policy-feedback__options">
        {option(true, '有帮助')}
        {option(false, '没帮助')}
      </View>
      {mine ? (
        <View id="feedback-chosen" className="policy-feedback__hint">
          您选了“{mine.helpful ? '有帮助' : '没帮助'}”{mine.note ? `，留言：${mine.note}` : ''}。想改的话再点一次。
        </View>
      ) : null}
      {news ? (
        <Callout tone="done" id="feedback-news">
          {news}
        </Callout>
      ) : null}
      {send.isError ? (
        <Callout tone="problem" id="feedback-problem">
          {messageOf(send.error)}
        </Callout>
      ) : null}
      {mine ? (
        <>
          <Field
            id="feedback-note"
            label="还想说点什么吗？（可以不写）"
            hint="比如哪里没看懂、还想知道什么。请不要写身份证号和电话。"
            value={note}
            maxlength={FEEDBACK_NOTE_MAX}
            onInput={setNote}
          />
          <BigButton
            id="feedback-note-send"
            kind="secondary"
            label="提交留言"
            disabled={note.trim() === ''}
            busy={send.isPending}
            busyLabel="正在提交…"
            onClick={sendNote}
          />
        </>
      ) : null}
    </View>
  );
}
