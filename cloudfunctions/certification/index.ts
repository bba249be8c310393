import { defineFunction } from '../_lib/defineFunction';
import { statusActions } from './status';

/** Pension eligibility certification: so far, where each person stands (more with issue 4). */
export const certification = defineFunction('certification', { ...statusActions });
export const main = certification.main;
