/**
 * Signing in to the staff console in a production browser build: a CloudBase
 * username/password account (made in the CloudBase console; the person then redeems the
 * invitation code an admin gave them). In WeChat the person is who WeChat says, and in
 * the local build the emulator's dev sign-in stands in, so there this does nothing.
 * Taro picks consoleAuth.h5.ts; this file is the type and the WeChat behaviour.
 */
export interface ConsoleAuth {
  /** True only where a username/password sign-in exists (production H5). */
  readonly available: boolean;
  /** Resolves when signed in; rejects with CloudCallError and a Chinese message. */
  signIn(username: string, password: string): Promise<void>;
  signOut(): Promise<void>;
  signedIn(): Promise<boolean>;
}

export const consoleAuth: ConsoleAuth = {
  available: false,
  signIn: () => Promise.resolve(),
  signOut: () => Promise.resolve(),
  signedIn: () => Promise.resolve(true),
};
