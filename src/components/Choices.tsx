import { View } from '@tarojs/components';
import './Choices.scss';

export interface Choice<T extends string> {
  value: T;
  label: string;
  /** The option's id is `<group id>-<key>`; the option's position when no key is given. */
  key?: string;
}

interface ChoicesProps<T extends string> {
  id: string;
  label: string;
  options: ReadonlyArray<Choice<T>>;
  selected: ReadonlyArray<T>;
  onToggle: (value: T) => void;
  /** Several may be chosen (checkboxes) rather than one (radio buttons). */
  multiple?: boolean;
  error?: string;
}

/**
 * Every option on screen as a large box with a tick when chosen: nothing hidden in a
 * drop-down, and the tick (not only the colour) says which is chosen.
 */
export function Choices<T extends string>({ id, label, options, selected, onToggle, multiple, error }: ChoicesProps<T>) {
  return (
    <View className="choices" id={id} ariaRole={multiple ? 'group' : 'radiogroup'} ariaLabel={label}>
      <View className="choices__label">{label}</View>
      <View className="choices__options">
        {options.map((option, index) => {
          const on = selected.includes(option.value);
          const optionId = `${id}-${option.key ?? index}`;
          return (
            <View
              key={option.value}
              id={optionId}
              data-testid={optionId}
              className={`choices__option${on ? ' choices__option--on' : ''}`}
              ariaRole={multiple ? 'checkbox' : 'radio'}
              ariaLabel={`${option.label}，${on ? '已选中' : '未选中'}`}
              aria-checked={on ? 'true' : 'false'}
              hoverClass="choices__option--pressed"
              onClick={() => onToggle(option.value)}
            >
              <View className="choices__tick">{on ? '✓' : ''}</View>
              <View className="choices__text">{option.label}</View>
            </View>
          );
        })}
      </View>
      {error ? (
        <View id={`${id}-error`} className="choices__error" ariaRole="alert" ariaLabel={error}>
          {error}
        </View>
      ) : null}
    </View>
  );
}
