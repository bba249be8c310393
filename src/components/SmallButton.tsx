import { View } from '@tarojs/components';
import './SmallButton.scss';

interface SmallButtonProps {
  id: string;
  label: string;
  onClick: () => void;
  kind?: 'primary' | 'secondary' | 'danger';
  disabled?: boolean;
  busy?: boolean;
}

/** An action inside a line of a list or a toolbar (签到, 撤销, 编辑, 加粗): smaller than a BigButton, still ≥ 44pt, always with its words. */
export function SmallButton({ id, label, onClick, kind = 'secondary', disabled, busy }: SmallButtonProps) {
  const inactive = disabled || busy;
  return (
    <View
      id={id}
      data-testid={id}
      className={`small-button small-button--${kind}${inactive ? ' small-button--inactive' : ''}`}
      ariaRole="button"
      ariaLabel={inactive ? `${label}（暂不能点）` : label}
      hoverClass={inactive ? 'none' : 'small-button--pressed'}
      onClick={inactive ? undefined : onClick}
    >
      {busy ? '请稍候…' : label}
    </View>
  );
}
