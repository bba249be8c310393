import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { ReactNode } from 'react';
import { BigButton } from '@/components/BigButton';
import { Callout } from '@/components/Callout';
import { ErrorState } from '@/components/ErrorState';
import { LoadingState } from '@/components/LoadingState';
import { routes } from '@/lib/routes';
import { useMe } from '../api/get-me';
import './privacy.scss';

interface PrivacyGateProps {
  /** This page's address: the privacy page comes back here after 同意并继续. */
  back: string;
  /** What the person came to do, e.g. 绑定退休信息. */
  doing: string;
  children: ReactNode;
}

/** Shows its children once the privacy guide is accepted; before that, the way to read it. */
export function PrivacyGate({ back, doing, children }: PrivacyGateProps) {
  const me = useMe();
  if (me.isPending) return <LoadingState />;
  if (me.isError) return <ErrorState error={me.error} onRetry={() => me.refetch()} />;
  if (me.data.privacyAccepted) return <>{children}</>;
  return (
    <View className="privacy-gate">
      <Callout tone="info">{doing}之前，请先看一看我们会用到您的哪些信息、怎样保护。看完点"同意并继续"，就会回到这里接着办。</Callout>
      <BigButton id="privacy-first" label="阅读隐私保护指引" onClick={() => Taro.redirectTo({ url: routes.privacy(back) })} />
    </View>
  );
}

/** Where an entry to `target` should go: straight there, or by the privacy guide first. */
export function viaPrivacy(privacyAccepted: boolean | undefined, target: string): string {
  return privacyAccepted ? target : routes.privacy(target);
}
