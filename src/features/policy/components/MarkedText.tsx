import { Text } from '@tarojs/components';
import { markedParts } from '../marks';
import './policy.scss';

/** A search hit's words with the matched ones highlighted: a yellow box and bold, so not by colour alone. */
export function MarkedText({ marked, className }: { marked: string; className?: string }) {
  return (
    <Text className={className}>
      {markedParts(marked).map((part, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed string never reorder
        <Text key={i} className={part.hit ? 'policy-mark' : undefined}>
          {part.text}
        </Text>
      ))}
    </Text>
  );
}
