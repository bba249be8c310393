import { QueryClientProvider } from '@tanstack/react-query';
import type { PropsWithChildren } from 'react';
import '@/lib/a11yRuntime';
import Taro from '@tarojs/taro';
import { queryClient } from '@/lib/queryClient';
import { routes } from '@/lib/routes';
import { enableKeyboardAccess } from '@/services/keyboardAccess';
import { captureDevToken } from '@/services/session';
import { listenForPrivacyRequests } from '@/services/wechatPrivacy';
import './app.scss';

// Local H5 only: keep the token the dev sign-in page sent back, before the router reads the URL.
captureDevToken();
// The browser console: every control reachable with Tab and pressed with Enter.
enableKeyboardAccess();
// WeChat: a privacy call made before the person agreed opens our privacy guide.
listenForPrivacyRequests(() => void Taro.navigateTo({ url: routes.privacy() }));

function App({ children }: PropsWithChildren) {
  // `children` is the page being shown.
  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
}

export default App;
