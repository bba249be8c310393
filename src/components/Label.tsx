import { Text } from '@tarojs/components';
import './Label.scss';

interface LabelProps {
  text: string;
  tone: 'pinned' | 'draft' | 'published';
}

/** A short word in a box (置顶, 草稿, 已发布): the word carries the meaning, colour only helps. */
export function Label({ text, tone }: LabelProps) {
  return <Text className={`label label--${tone}`}>{text}</Text>;
}
