import { View } from '@tarojs/components';
import './BigButton.scss';

interface BigButtonProps {
  label: string;
  onClick: () => void;
  /** primary: the one main action on a screen; secondary: the others. */
  kind?: 'primary' | 'secondary' | 'danger';
  disabled?: boolean;
  /** Shown instead of the label while the action runs (the button is disabled meanwhile). */
  busyLabel?: string;
  busy?: boolean;
  id?: string;
}

/** A button at least 60pt tall with its words on it; never an icon alone. */
export function BigButton({ label, onClick, kind = 'primary', disabled, busy, busyLabel, id }: BigButtonProps) {
  const inactive = disabled || busy;
  const classes = ['big-button', `big-button--${kind}`, inactive ? 'big-button--inactive' : ''].join(' ');
  return (
    <View
      {...(id ? { id, 'data-testid': id } : {})}
      className={classes}
      ariaRole="button"
      ariaLabel={inactive ? `${label}（暂不能点）` : label}
      hoverClass={inactive ? 'none' : 'big-button--pressed'}
      onClick={inactive ? undefined : onClick}
    >
      {busy ? (busyLabel ?? '请稍候…') : label}
    </View>
  );
}
