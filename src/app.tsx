import { QueryClientProvider } from '@tanstack/react-query';
import type { PropsWithChildren } from 'react';
import '@/lib/a11yRuntime';
import { queryClient } from '@/lib/queryClient';
import { captureDevToken } from '@/services/session';
import './app.scss';

// Local H5 only: keep the token the dev sign-in page sent back, before the router reads the URL.
captureDevToken();

function App({ children }: PropsWithChildren) {
  // `children` is the page being shown.
  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
}

export default App;
