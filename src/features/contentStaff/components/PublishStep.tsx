import { parseInstant } from '@contract/content';
import { View } from '@tarojs/components';
import { useState } from 'react';
import { ConfirmStep } from '@/components/ConfirmStep';
import { Field } from '@/components/Field';
import { instantInput, whenWords } from '../words';
import './contentStaff.scss';

interface PublishStepProps {
  /** The field is `<id>-at`; the step's buttons `<id>-confirm` and `<id>-cancel`. */
  id: string;
  message: string;
  /** Who will see it, e.g. 居民 or 海沧街道的居民. */
  readers: string;
  /** Where residents find it, e.g. 「政策问答」. */
  where: string;
  /** A publish-at already set (shown in the field to keep or clear). */
  initialAt?: string | null;
  busy: boolean;
  /** `at` null: now. */
  onConfirm: (at: string | null) => void;
  onCancel: () => void;
}

/** The second step before publishing, with 定时发布: empty means now, a time means from then on. */
export function PublishStep({ id, message, readers, where, initialAt, busy, onConfirm, onCancel }: PublishStepProps) {
  const [at, setAt] = useState(() => instantInput(initialAt));
  const [error, setError] = useState('');
  const typed = at.trim();
  const when = typed ? parseInstant(typed) : null;
  const later = when && when.getTime() > Date.now();
  const detail = later
    ? `定时发布：${whenWords(when.toISOString())}起，${readers}才能在${where}里看到。`
    : `发布后，${readers}马上就能在${where}里看到、搜到。以后可以修改，也可以撤下。`;
  return (
    <View className="content-staff__group" id={id}>
      <Field
        id={`${id}-at`}
        label="定时发布（可不填）"
        hint="不填就是马上发布。要定时，写成 2026-12-01 08:00 这样（北京时间）"
        value={at}
        onInput={(v) => {
          setAt(v);
          setError('');
        }}
        error={error}
        maxlength={16}
      />
      <ConfirmStep
        id={id}
        kind="primary"
        message={message}
        detail={detail}
        confirmLabel={later ? '确定定时发布' : '确定发布'}
        busy={busy}
        onConfirm={() => {
          if (typed && !when) return setError('发布时间应写成 2026-12-01 08:00 这样');
          onConfirm(typed || null);
        }}
        onCancel={onCancel}
      />
    </View>
  );
}
