import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import './Page.scss';

interface PageProps {
  title: string;
  children?: ReactNode;
}

/** Every screen: one plain title, then its content with generous spacing. */
export function Page({ title, children }: PageProps) {
  return (
    <View className="page">
      <View className="page__title" ariaRole="heading" ariaLabel={title}>
        {title}
      </View>
      <View className="page__content">{children}</View>
    </View>
  );
}
