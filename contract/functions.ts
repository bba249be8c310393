import type { Notice, NoticeInput, NoticePage } from './notices';

/**
 * Every callable action, by function name, with its input and output types.
 * The client's `call()` is typed from this map; the server's tables implement it.
 */
export interface FunctionActions {
  content: {
    'notice.list': { input: NoticeInput<'notice.list'>; output: NoticePage };
    'notice.get': { input: NoticeInput<'notice.get'>; output: Notice };
    'notice.listAll': { input: NoticeInput<'notice.listAll'>; output: NoticePage };
    'notice.save': { input: NoticeInput<'notice.save'>; output: Notice };
    'notice.setStatus': { input: NoticeInput<'notice.setStatus'>; output: Notice };
  };
  account: {
    /** Who am I? Answers for every caller, signed in or not. */
    'me.get': { input: Record<string, never>; output: Me };
  };
}

export interface Me {
  role: import('./envelope').CallerRole;
  name: string | null;
  userId: string | null;
}

export type FunctionName = keyof FunctionActions;
export type ActionName<F extends FunctionName> = keyof FunctionActions[F] & string;
export type ActionInput<F extends FunctionName, A extends ActionName<F>> = FunctionActions[F][A] extends {
  input: infer I;
}
  ? I
  : never;
export type ActionOutput<F extends FunctionName, A extends ActionName<F>> = FunctionActions[F][A] extends {
  output: infer O;
}
  ? O
  : never;
