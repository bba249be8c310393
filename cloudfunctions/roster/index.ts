import { defineFunction } from '../_lib/defineFunction';
import { importActions } from './imports';

/** The roster: importing the district's retiree list (a job with progress, resumable). */
export const roster = defineFunction('roster', { ...importActions });
export const main = roster.main;
