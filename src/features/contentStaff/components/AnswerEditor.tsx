import { POLICY_QUESTION_MAX, type PolicyAnswerStaff } from '@contract/policy';
import { View } from '@tarojs/components';
import { useState } from 'react';
import { BigButton } from '@/components/BigButton';
import { Callout } from '@/components/Callout';
import { Choices } from '@/components/Choices';
import { Field } from '@/components/Field';
import { newRequestId } from '@/lib/requestId';
import {
  type AnswerErrors,
  type AnswerField,
  type AnswerForm,
  answerFormOf,
  answerInputOf,
  checkAnswerForm,
  emptyAnswerForm,
  placeAnswerError,
} from '../answerForm';
import { useSaveAnswer } from '../api/save-answer';
import { CATEGORY_CHOICES } from '../words';
import { RelatedPicker } from './RelatedPicker';
import { RichTextArea } from './RichTextArea';
import './contentStaff.scss';

interface AnswerEditorProps {
  /** The answer to change; none for a new one. */
  answer?: PolicyAnswerStaff;
  onSaved: (saved: PolicyAnswerStaff) => void;
  onCancel: () => void;
}

/**
 * Staff: write or change a policy answer. The schema checks the form on the phone first, each
 * problem under its field; the server's refusals go under the field they name. One requestId per
 * intended save (a double tap or a retry makes one answer, or applies one edit); the version the
 * form was opened at goes along, so a colleague's save in between is not overwritten.
 */
export function AnswerEditor({ answer, onSaved, onCancel }: AnswerEditorProps) {
  const [form, setForm] = useState<AnswerForm>(() => (answer ? answerFormOf(answer) : emptyAnswerForm()));
  const [errors, setErrors] = useState<AnswerErrors>({});
  const [problem, setProblem] = useState('');
  const [requestId, setRequestId] = useState(newRequestId);
  const save = useSaveAnswer();

  const edit =
    <K extends keyof AnswerForm>(key: K, field: AnswerField) =>
    (value: AnswerForm[K]) => {
      setForm((f) => ({ ...f, [key]: value }));
      setErrors((e) => (e[field] ? { ...e, [field]: undefined } : e));
    };

  const submit = () => {
    const input = answerInputOf(form, requestId, answer ? { id: answer.id, version: answer.version } : undefined);
    const { form: aboutForm, ...found } = checkAnswerForm(input);
    setErrors(found);
    setProblem(aboutForm ?? (Object.keys(found).length ? '有几处要改一下，请看上面标红的地方' : ''));
    if (aboutForm || Object.keys(found).length) return;
    save.mutate(input, {
      onSuccess: (saved) => {
        setRequestId(newRequestId());
        onSaved(saved);
      },
      onError: (error) => {
        const placed = placeAnswerError(error);
        if (placed.field && placed.field !== 'form') {
          setErrors({ [placed.field]: placed.message });
          setProblem('有一处要改一下，请看上面标红的地方');
        } else setProblem(placed.message);
      },
    });
  };

  return (
    <View className="content-staff" ariaRole="form" ariaLabel={answer ? '修改政策问答' : '新建政策问答'}>
      {answer?.status === 'published' ? (
        <Callout tone="info" id="answer-editor-published">
          这条问答已经发布。保存以后，居民马上看到修改后的内容；修改前的内容留在「历史版本」里。
        </Callout>
      ) : null}
      <Field
        id="answer-question"
        label="问题"
        hint="用老人自己会说的话来问，例如：养老金为什么停发了？"
        value={form.question}
        onInput={edit('question', 'question')}
        error={errors.question}
        maxlength={POLICY_QUESTION_MAX}
      />
      <Choices
        id="answer-category"
        label="分类"
        options={CATEGORY_CHOICES}
        selected={form.category ? [form.category] : []}
        onToggle={edit('category', 'category')}
        error={errors.category}
      />
      <RichTextArea
        id="answer-body"
        label="答复"
        value={form.answer}
        onChange={edit('answer', 'answer')}
        error={errors.answer}
        placeholder="先说结论，再说怎么办、找谁、带什么"
      />

      <View className="content-staff__section-title">政策依据</View>
      <Field
        id="answer-source-document"
        label="政策文件（可不填）"
        hint="例如：《社会保险经办条例》"
        value={form.sourceDocument}
        onInput={edit('sourceDocument', 'sourceDocument')}
        error={errors.sourceDocument}
        maxlength={100}
      />
      <Field
        id="answer-source-article"
        label="条款（可不填）"
        hint="例如：第二十六条"
        value={form.sourceArticle}
        onInput={edit('sourceArticle', 'sourceArticle')}
        error={errors.sourceArticle}
        maxlength={50}
      />
      <Field
        id="answer-effective-from"
        label="施行日期（可不填）"
        hint="写成 2026-01-01 这样。没到这一天，居民看不到这条问答"
        value={form.effectiveFrom}
        onInput={edit('effectiveFrom', 'effectiveFrom')}
        error={errors.effectiveFrom}
        maxlength={10}
      />
      <Field
        id="answer-effective-until"
        label="失效日期（可不填）"
        hint="政策管到哪一天为止（这一天还有效）。过了这一天，居民就看不到了"
        value={form.effectiveUntil}
        onInput={edit('effectiveUntil', 'effectiveUntil')}
        error={errors.effectiveUntil}
        maxlength={10}
      />

      <View className="content-staff__section-title">方便查找</View>
      <Field
        id="answer-keywords"
        label="关键词（可不填）"
        hint="老人可能搜的说法，用逗号隔开，例如：年审，生存认证，刷脸"
        value={form.keywords}
        onInput={edit('keywords', 'keywords')}
        error={errors.keywords}
        maxlength={400}
      />
      <RelatedPicker selfId={answer?.id} selected={form.relatedIds} onChange={edit('relatedIds', 'related')} error={errors.related} />

      {problem ? (
        <Callout tone="problem" id="answer-editor-problem">
          {problem}
        </Callout>
      ) : null}
      <BigButton
        id="answer-save"
        label={answer ? (answer.status === 'published' ? '保存修改' : '保存') : '保存为草稿'}
        busy={save.isPending}
        busyLabel="正在保存…"
        onClick={submit}
      />
      <BigButton id="answer-editor-back" kind="secondary" label="不改了，返回" disabled={save.isPending} onClick={onCancel} />
    </View>
  );
}
