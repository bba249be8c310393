import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import './Callout.scss';

interface CalloutProps {
  /** done: something worked; problem: it did not; info: something to know. */
  tone: 'done' | 'problem' | 'info';
  children: ReactNode;
  id?: string;
}

/** A message in a box on the page itself (never a pop-up); a bar on the left, not only a colour. */
export function Callout({ tone, children, id }: CalloutProps) {
  return (
    <View
      {...(id ? { id, 'data-testid': id } : {})}
      className={`callout callout--${tone}`}
      ariaRole={tone === 'problem' ? 'alert' : 'status'}
    >
      {children}
    </View>
  );
}
