import { CloudCallError, messageOf } from '@/services/cloudError';

/**
 * Which field a refusal is about, so the server's words appear under that field: the
 * schemas' messages name the field they check (姓名…, 身份证号…, 验证码…). Anything
 * else is about the whole form.
 */
export function placeError<F extends string>(error: unknown, fields: Record<F, string[]>): { field: F | null; message: string } {
  const message = messageOf(error);
  if (error instanceof CloudCallError && error.code === 'INVALID_INPUT') {
    for (const [field, words] of Object.entries(fields) as Array<[F, string[]]>) {
      if (words.some((w) => message.includes(w))) return { field, message };
    }
  }
  return { field: null, message };
}

/** The first message of a failed zod check, or '' when it passed. */
export function firstIssue(result: { success: boolean; error?: { issues: Array<{ message: string }> } }): string {
  return result.success ? '' : (result.error?.issues[0]?.message ?? '请检查填写的内容');
}
