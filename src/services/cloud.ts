import type { CallEvent, CallResult } from '@contract/envelope';
import type { ActionInput, ActionName, ActionOutput, FunctionName } from '@contract/functions';
import { CloudCallError, unavailable } from './cloudError';
import { send } from './transport';

export { CloudCallError } from './cloudError';

/**
 * The one way the app calls a cloud function: `call('content', 'notice.list', { page: 1 })`.
 * Resolves the action's data; throws CloudCallError with a Chinese message otherwise.
 */
export async function call<F extends FunctionName, A extends ActionName<F>>(
  fn: F,
  action: A,
  input: ActionInput<F, A>,
): Promise<ActionOutput<F, A>> {
  const event = { ...(input as object), action } as CallEvent;
  let reply: unknown;
  try {
    reply = await send(fn, event);
  } catch {
    throw unavailable();
  }
  if (!isCallResult(reply)) throw unavailable();
  if (reply.ok) return reply.data as ActionOutput<F, A>;
  throw new CloudCallError(reply.error.code, reply.error.message);
}

function isCallResult(value: unknown): value is CallResult<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { ok?: unknown; error?: { code?: unknown; message?: unknown } };
  if (v.ok === true) return 'data' in v;
  return v.ok === false && typeof v.error?.code === 'string' && typeof v.error.message === 'string';
}
