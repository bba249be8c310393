import { Input, View } from '@tarojs/components';
import { labelled } from '@/lib/labelled';
import './Field.scss';

interface FieldProps {
  /** On the input itself, for tests and for the error line (`<id>-error`). */
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  /** Shown under the field, in the words of the schema or the server. */
  error?: string;
  /** One line above the field: what to type, where to find it. */
  hint?: string;
  /** `idcard` and `number` bring up WeChat's matching keyboards. */
  type?: 'text' | 'number' | 'idcard';
  maxlength?: number;
  placeholder?: string;
  disabled?: boolean;
  /** Dots instead of the characters typed. */
  password?: boolean;
  /** The keyboard's enter key: its word (`search` shows 搜索) and what it does. */
  confirmType?: 'done' | 'search' | 'go' | 'next' | 'send';
  onConfirm?: () => void;
}

/** A labelled text field: the label above in large type, the problem (if any) right under it. */
export function Field({
  id,
  label,
  value,
  onInput,
  error,
  hint,
  type = 'text',
  maxlength = 140,
  placeholder,
  disabled,
  password,
  confirmType,
  onConfirm,
}: FieldProps) {
  return (
    <View className="field">
      <View className="field__label">{label}</View>
      {hint ? <View className="field__hint">{hint}</View> : null}
      <Input
        id={id}
        data-testid={id}
        className={`field__input${error ? ' field__input--error' : ''}`}
        placeholderClass="field__placeholder"
        {...labelled(error ? `${label}，${error}` : label)}
        type={type}
        value={value}
        maxlength={maxlength}
        placeholder={placeholder}
        disabled={disabled}
        password={password}
        onInput={(e) => onInput(e.detail.value)}
        {...(confirmType ? { confirmType } : {})}
        {...(onConfirm ? { onConfirm: () => onConfirm() } : {})}
      />
      {error ? (
        <View id={`${id}-error`} className="field__error" ariaRole="alert" ariaLabel={error}>
          {error}
        </View>
      ) : null}
    </View>
  );
}
