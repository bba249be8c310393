import { View } from '@tarojs/components';

interface SmallButtonProps {
  id: string;
  label: string;
  onClick: () => void;
  kind?: 'primary' | 'secondary' | 'danger';
  disabled?: boolean;
  busy?: boolean;
}

/** An action inside one line of a list (签到, 撤销, 通过): smaller than a BigButton, still ≥ 44pt, always with its words. */
export function SmallButton({ id, label, onClick, kind = 'secondary', disabled, busy }: SmallButtonProps) {
  const inactive = disabled || busy;
  return (
    <View
      id={id}
      data-testid={id}
      className={`events-staff__small-button events-staff__small-button--${kind}${inactive ? ' events-staff__small-button--inactive' : ''}`}
      ariaRole="button"
      ariaLabel={inactive ? `${label}（暂不能点）` : label}
      hoverClass={inactive ? 'none' : 'events-staff__small-button--pressed'}
      onClick={inactive ? undefined : onClick}
    >
      {busy ? '请稍候…' : label}
    </View>
  );
}
