import { View } from '@tarojs/components';
import type { CSSProperties, ReactNode } from 'react';
import { useFontScale } from '@/lib/fontScale';
import './Page.scss';

interface PageProps {
  title: string;
  /** A staff console page: on a wide screen (a PC) it uses the width for its tables. */
  console?: boolean;
  children?: ReactNode;
}

/**
 * Every screen: one plain title, then its content with generous spacing. The page carries the
 * person's text size (`--font-scale`: the phone's setting times 大字模式), which every font size
 * in the styles multiplies by. Reading pages keep a comfortable line length on a PC; staff console
 * pages use a wide screen's width.
 */
export function Page({ title, console: isConsole = false, children }: PageProps) {
  const scale = useFontScale();
  return (
    <View
      className={isConsole ? 'page page--console' : 'page'}
      style={{ '--font-scale': String(scale) } as CSSProperties}
      data-font-scale={String(scale)}
    >
      <View className="page__title" ariaRole="heading" aria-level="1" ariaLabel={title}>
        {title}
      </View>
      <View className="page__content">{children}</View>
    </View>
  );
}
