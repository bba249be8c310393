import { defineFunction } from '../_lib/defineFunction';
import { noticeActions } from './notices';

/** Content: notices (and, later, policy answers and questions). */
export const content = defineFunction('content', { ...noticeActions });
export const main = content.main;
