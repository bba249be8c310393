import { RICH_TEXT_RAW_MAX } from '@contract/content';
import { Textarea, View } from '@tarojs/components';
import { useRef } from 'react';
import { SmallButton } from '@/components/SmallButton';
import { labelled } from '@/lib/labelled';
import { insertAt, SNIPPETS } from '../richText';
import { FieldError } from './FieldError';
import './contentStaff.scss';

interface RichTextAreaProps {
  /** On the textarea; the buttons are `<id>-bold`, `<id>-bullets`, `<id>-numbered`, `<id>-heading`; the problem `<id>-error`. */
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  placeholder?: string;
}

const BUTTONS: Array<{ key: keyof typeof SNIPPETS; label: string }> = [
  { key: 'bold', label: '加粗' },
  { key: 'bullets', label: '分条（圆点）' },
  { key: 'numbered', label: '分步（1、2、3）' },
  { key: 'heading', label: '小标题' },
];

/**
 * A body staff type as plain lines (each line a paragraph), with buttons that put a little
 * formatting in where the cursor was: bold words, a list, a small heading. What residents will
 * see is the preview; the server cleans whatever is sent.
 */
export function RichTextArea({ id, label, value, onChange, error, placeholder }: RichTextAreaProps) {
  // Where the cursor last was (WeChat gives it on input and blur); unknown → the end.
  const cursor = useRef<number | null>(null);
  const insert = (key: keyof typeof SNIPPETS) => {
    const next = insertAt(value, SNIPPETS[key], cursor.current);
    cursor.current = next.cursor;
    onChange(next.text);
  };
  return (
    <View className="content-staff__field">
      <View className="content-staff__field-label">{label}</View>
      <View className="content-staff__hint">
        直接写文字，一行就是一段。要强调的字、分条写的内容，可以点下面的按钮加上格式，再把按钮放进去的示例文字改成您的内容。保存后点「预览」，看居民看到的样子。
      </View>
      <View className="content-staff__toolbar" ariaRole="toolbar" ariaLabel={`${label}的格式`}>
        {BUTTONS.map((b) => (
          <SmallButton key={b.key} id={`${id}-${b.key}`} label={b.label} onClick={() => insert(b.key)} />
        ))}
      </View>
      <Textarea
        id={id}
        data-testid={id}
        className={`content-staff__textarea${error ? ' content-staff__textarea--error' : ''}`}
        {...labelled(error ? `${label}，${error}` : label)}
        value={value}
        maxlength={RICH_TEXT_RAW_MAX}
        autoHeight
        placeholder={placeholder}
        onInput={(e) => {
          cursor.current = typeof e.detail.cursor === 'number' ? e.detail.cursor : null;
          onChange(e.detail.value);
        }}
        onBlur={(e) => {
          const at = (e.detail as { cursor?: number }).cursor;
          if (typeof at === 'number') cursor.current = at;
        }}
      />
      {error ? <FieldError id={`${id}-error`} message={error} /> : null}
    </View>
  );
}
