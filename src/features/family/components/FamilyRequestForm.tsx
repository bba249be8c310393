import { accountSchemas, MAX_HELPERS, RELATIONS } from '@contract/accounts';
import { View } from '@tarojs/components';
import { useState } from 'react';
import { BigButton } from '@/components/BigButton';
import { Callout } from '@/components/Callout';
import { Choices } from '@/components/Choices';
import { Field } from '@/components/Field';
import { firstIssue, placeError } from '@/lib/formErrors';
import { newRequestId } from '@/lib/requestId';
import { useRequestLink } from '../api/request-link';
import './family.scss';

type Relation = (typeof RELATIONS)[number];
type FieldName = 'elderName' | 'idNumber' | 'relation' | 'helperName';

const shape = accountSchemas['family.request'].shape;
const RELATION_CHOICES = RELATIONS.map((r) => ({ value: r, label: r }));

/** Ask to help an elder: their name and ID number, how I am related, my name. */
export function FamilyRequestForm({ myName }: { myName: string | null }) {
  const request = useRequestLink();
  const [elderName, setElderName] = useState('');
  const [idNumber, setIdNumber] = useState('');
  const [relation, setRelation] = useState<Relation | null>(null);
  const [helperName, setHelperName] = useState(myName ?? '');
  // One id per submission: a retry reuses it, so the server keeps one request.
  const [requestId, setRequestId] = useState(newRequestId);
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [problem, setProblem] = useState('');
  const [sent, setSent] = useState('');

  const edit =
    <T,>(set: (v: T) => void, field: FieldName) =>
    (value: T) => {
      set(value);
      setRequestId(newRequestId());
      setErrors((e) => ({ ...e, [field]: undefined }));
      setSent('');
    };

  const submit = () => {
    const checks = {
      elderName: shape.elderName.safeParse(elderName),
      idNumber: shape.idNumber.safeParse(idNumber),
      relation: shape.relation.safeParse(relation ?? undefined),
      helperName: shape.helperName.safeParse(helperName),
    };
    const found: Partial<Record<FieldName, string>> = {};
    for (const [field, result] of Object.entries(checks) as Array<[FieldName, { success: boolean }]>) {
      const message = firstIssue(result as Parameters<typeof firstIssue>[0]);
      if (message) found[field] = message;
    }
    setErrors(found);
    setProblem('');
    if (!checks.elderName.success || !checks.idNumber.success || !checks.relation.success || !checks.helperName.success) return;
    request.mutate(
      {
        elderName: checks.elderName.data,
        idNumber: checks.idNumber.data,
        relation: checks.relation.data,
        helperName: checks.helperName.data,
        requestId,
      },
      {
        onSuccess: ({ message }) => {
          setSent(message);
          setElderName('');
          setIdNumber('');
          setRelation(null);
          setRequestId(newRequestId());
        },
        onError: (error) => {
          const placed = placeError<'idNumber' | 'relation'>(error, {
            // Both names share the same messages, so a name problem from the server goes above the button.
            idNumber: ['身份证'],
            relation: ['关系'],
          });
          if (placed.field) setErrors({ [placed.field]: placed.message });
          else setProblem(placed.message);
        },
      },
    );
  };

  return (
    <View className="family-form" ariaRole="form" ariaLabel="申请帮家里老人办理">
      <View className="family__text">
        长辈有智能手机的，提交后请长辈在自己的微信里点"同意"；长辈没有智能手机的，提交后请联系长辈所在社区，工作人员核实后办理。一位长辈最多可以有
        {MAX_HELPERS}位家人帮办。
      </View>
      {sent ? (
        <Callout tone="done" id="family-request-sent">
          {sent}
        </Callout>
      ) : null}
      <Field
        id="family-elder-name"
        label="长辈的姓名"
        value={elderName}
        onInput={edit(setElderName, 'elderName')}
        error={errors.elderName}
        maxlength={20}
      />
      <Field
        id="family-elder-id"
        label="长辈的身份证号"
        type="idcard"
        value={idNumber}
        onInput={edit(setIdNumber, 'idNumber')}
        error={errors.idNumber}
        maxlength={18}
        hint="18位，最后一位可能是X"
      />
      <Choices
        id="family-relation"
        label="您是长辈的"
        options={RELATION_CHOICES}
        selected={relation ? [relation] : []}
        onToggle={edit((r: Relation) => setRelation(r), 'relation')}
        error={errors.relation}
      />
      <Field
        id="family-helper-name"
        label="您的姓名"
        value={helperName}
        onInput={edit(setHelperName, 'helperName')}
        error={errors.helperName}
        maxlength={20}
        hint="长辈和工作人员看到的是这个名字"
      />
      {problem ? (
        <Callout tone="problem" id="family-problem">
          {problem}
        </Callout>
      ) : null}
      <BigButton id="family-submit" label="提交申请" busy={request.isPending} busyLabel="正在提交…" onClick={submit} />
    </View>
  );
}
