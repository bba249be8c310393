import { defineFunction } from '../_lib/defineFunction';
import { browseActions } from './browse';
import { manageActions } from './manage';
import { registrationActions } from './registrations';

/**
 * Events (活动): staff publish one-off and weekly events; retirees and family browse by week,
 * register (themselves or an elder they help), wait in line when full and are promoted when a
 * place frees; staff cancel or move an occurrence and everyone registered is told.
 */
export const events = defineFunction('events', {
  ...browseActions,
  ...registrationActions,
  ...manageActions,
});
export const main = events.main;
export { extendOccurrenceHorizon } from './store';
