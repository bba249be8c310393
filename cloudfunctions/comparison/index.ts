import { defineFunction } from '../_lib/defineFunction';
import { matchActions } from './jobs';
import { verificationActions } from './verification';

/** Big-data comparison: evidence files matched to the roster as a job; the staff verification list. */
export const comparison = defineFunction('comparison', { ...matchActions, ...verificationActions });
export const main = comparison.main;
