import { View } from '@tarojs/components';
import { setElderMode, useElderMode } from '@/lib/fontScale';
import { SmallButton } from './SmallButton';
import './ElderModeSwitch.scss';

/**
 * 大字模式, visible where people start (the home page): one sentence saying which size is on and
 * one button to change it. Remembered on this phone; it multiplies whatever text size the phone
 * itself is set to.
 */
export function ElderModeSwitch() {
  const on = useElderMode();
  const words = on ? '现在是大字模式。' : '字还是太小？';
  return (
    <View id="elder-mode" className="elder-mode" ariaRole="region" ariaLabel="字的大小">
      <View id="elder-mode-state" className="elder-mode__text">
        {words}
      </View>
      <SmallButton
        id="elder-mode-switch"
        kind={on ? 'secondary' : 'primary'}
        label={on ? '换回标准字' : '打开大字模式'}
        onClick={() => setElderMode(!on)}
      />
    </View>
  );
}
