import type { z } from 'zod';
import type { CallEvent, CallerRole, CallResult } from '../../contract/envelope';
import { type Caller, resolveCaller } from './caller';
import { AppError } from './errors';

/**
 * A cloud function as a table: action → input schema, roles allowed, handler.
 * `main` checks the role (on the server, from the platform's identity), validates the
 * input, runs the handler, and always answers with the CallResult envelope — never a
 * stack trace. The table is exported so tests can check every action of every function.
 */
export const EVERYONE = ['anonymous', 'guest', 'retiree', 'family', 'staff', 'admin'] as const satisfies readonly CallerRole[];
export const SIGNED_IN = ['retiree', 'family', 'staff', 'admin'] as const satisfies readonly CallerRole[];
export const STAFF = ['staff', 'admin'] as const satisfies readonly CallerRole[];

export interface ActionContext {
  caller: Caller;
  requestId: string;
}

export interface ActionSpec<S extends z.ZodType = z.ZodType, R = unknown> {
  input: S;
  roles: readonly CallerRole[];
  handler: (input: z.output<S>, ctx: ActionContext) => Promise<R>;
}

/** Typed constructor for one table row. */
export function action<S extends z.ZodType, R>(spec: ActionSpec<S, R>): ActionSpec<S, R> {
  return spec;
}

export interface CloudFunction {
  name: string;
  actions: Record<string, ActionSpec<any, any>>;
  main: (event: unknown, context?: { request_id?: string }) => Promise<CallResult<unknown>>;
}

export function defineFunction(name: string, actions: Record<string, ActionSpec<any, any>>): CloudFunction {
  async function main(event: unknown, context?: { request_id?: string }): Promise<CallResult<unknown>> {
    try {
      const { action: actionName, ...input } = (event ?? {}) as CallEvent;
      const spec = typeof actionName === 'string' && Object.hasOwn(actions, actionName) ? actions[actionName] : undefined;
      if (!spec) throw new AppError('UNKNOWN_ACTION', '这个操作不存在，请更新小程序后再试');
      const caller = await resolveCaller();
      if (!spec.roles.includes(caller.role)) {
        if (caller.disabled) throw new AppError('FORBIDDEN', '您的工作人员账号已停用，如有疑问请联系管理员');
        throw caller.role === 'anonymous' || caller.role === 'guest'
          ? new AppError('UNAUTHENTICATED', '请先登录后再操作')
          : new AppError('FORBIDDEN', '您没有权限做这件事');
      }
      const parsed = spec.input.safeParse(input);
      if (!parsed.success) throw new AppError('INVALID_INPUT', firstMessage(parsed.error));
      const data = await spec.handler(parsed.data, { caller, requestId: context?.request_id ?? '' });
      return { ok: true, data };
    } catch (e) {
      if (e instanceof AppError) return { ok: false, error: e.toJSON() };
      console.error(`[${name}]`, e);
      return { ok: false, error: { code: 'INTERNAL', message: '系统开小差了，请稍后再试' } };
    }
  }
  return { name, actions, main };
}

/** The first problem, in the words the schema gave it (Chinese); a generic sentence otherwise. */
export function firstMessage(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return '填写的内容不对，请检查';
  if (issue.code === 'unrecognized_keys') return '提交了不认识的内容，请更新小程序后再试';
  const msg = issue.message;
  return /[\u4e00-\u9fa5]/.test(msg) ? msg : '填写的内容不对，请检查';
}
