import { View } from '@tarojs/components';
import './contentStaff.scss';

interface SmallButtonProps {
  id: string;
  label: string;
  onClick: () => void;
  kind?: 'primary' | 'secondary' | 'danger';
  disabled?: boolean;
  busy?: boolean;
}

/** An action inside a card or a toolbar (编辑, 预览, 加粗): smaller than a BigButton, still ≥ 44pt, always with its words. */
export function SmallButton({ id, label, onClick, kind = 'secondary', disabled, busy }: SmallButtonProps) {
  const inactive = disabled || busy;
  return (
    <View
      id={id}
      data-testid={id}
      className={`content-staff__small-button content-staff__small-button--${kind}${inactive ? ' content-staff__small-button--inactive' : ''}`}
      ariaRole="button"
      ariaLabel={inactive ? `${label}（暂不能点）` : label}
      hoverClass={inactive ? 'none' : 'content-staff__small-button--pressed'}
      onClick={inactive ? undefined : onClick}
    >
      {busy ? '请稍候…' : label}
    </View>
  );
}
