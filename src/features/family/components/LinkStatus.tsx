import type { FamilyLink } from '@contract/accounts';
import { Text } from '@tarojs/components';
import { linkStatusWords } from '../linkStatus';
import './family.scss';

/** The status in words, in a box; the colour only helps. */
export function LinkStatus({ status }: { status: FamilyLink['status'] }) {
  return <Text className={`link-status link-status--${status}`}>{linkStatusWords(status)}</Text>;
}
