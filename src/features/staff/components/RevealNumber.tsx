import { REVEAL_PURPOSES, type RetireeSummary } from '@contract/accounts';
import { View } from '@tarojs/components';
import { useState } from 'react';
import { BigButton } from '@/components/BigButton';
import { Callout } from '@/components/Callout';
import { Choices } from '@/components/Choices';
import { messageOf } from '@/services/cloudError';
import { useRevealNumber } from '../api/reveal-number';
import './staff.scss';

type Field = 'idNumber' | 'phone';
type Purpose = keyof typeof REVEAL_PURPOSES;

const FIELD_WORDS: Record<Field, string> = { idNumber: '身份证号', phone: '手机号' };
const PURPOSES = (Object.keys(REVEAL_PURPOSES) as Purpose[]).map((key) => ({ value: key, label: REVEAL_PURPOSES[key], key }));

/**
 * 查看完整号码: which number and why, chosen on the page, then the whole number. Every
 * reveal is its own audited call (the person sees it under 谁查看过我的信息); nothing is cached.
 */
export function RevealNumber({ retiree }: { retiree: RetireeSummary }) {
  const reveal = useRevealNumber();
  const [open, setOpen] = useState(false);
  const [field, setField] = useState<Field>('idNumber');
  const [purpose, setPurpose] = useState<Purpose | null>(null);
  const [purposeError, setPurposeError] = useState('');
  const [shown, setShown] = useState<{ field: Field; value: string; purpose: Purpose } | null>(null);
  const id = retiree.id;

  const close = () => {
    setOpen(false);
    setShown(null);
    setPurpose(null);
    setPurposeError('');
    reveal.reset();
  };

  if (shown) {
    return (
      <View className="staff-revealed" id={`revealed-${id}`} ariaRole="region" ariaLabel={`${FIELD_WORDS[shown.field]}：${shown.value}`}>
        <View>{FIELD_WORDS[shown.field]}（完整）</View>
        <View className="staff-revealed__value">{shown.value}</View>
        <View className="staff-card__note">
          因为"{REVEAL_PURPOSES[shown.purpose]}"查看，已记录；本人可以在"我的信息"里看到。用完请收起。
        </View>
        <BigButton id={`reveal-${id}-hide`} kind="secondary" label="收起号码" onClick={close} />
      </View>
    );
  }
  if (!open) return <BigButton id={`reveal-${id}`} kind="secondary" label="查看完整号码" onClick={() => setOpen(true)} />;

  const fields: Array<{ value: Field; label: string; key: string }> = [{ value: 'idNumber', label: '身份证号', key: 'idNumber' }];
  if (retiree.phoneMasked) fields.push({ value: 'phone', label: '手机号', key: 'phone' });

  const submit = () => {
    if (!purpose) {
      setPurposeError('请选择查看原因');
      return;
    }
    reveal.mutate({ id, field, purpose }, { onSuccess: ({ value }) => setShown({ field, value, purpose }) });
  };

  return (
    <View className="staff-revealed" ariaRole="form" ariaLabel="查看完整号码">
      <Choices id={`reveal-field-${id}`} label="要看哪个号码" options={fields} selected={[field]} onToggle={setField} />
      <Choices
        id={`reveal-purpose-${id}`}
        label="为什么要看（必选）"
        options={PURPOSES}
        selected={purpose ? [purpose] : []}
        onToggle={(p) => {
          setPurpose(p);
          setPurposeError('');
        }}
        error={purposeError}
      />
      <View className="staff-card__note">每一次查看都会记录，本人可以看到是谁、为什么查看。</View>
      {reveal.isError ? <Callout tone="problem">{messageOf(reveal.error)}</Callout> : null}
      <BigButton id={`reveal-${id}-confirm`} label="查看" busy={reveal.isPending} busyLabel="正在查看…" onClick={submit} />
      <BigButton id={`reveal-${id}-cancel`} kind="secondary" label="不看了" disabled={reveal.isPending} onClick={close} />
    </View>
  );
}
