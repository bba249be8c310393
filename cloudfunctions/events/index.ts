import { defineFunction } from '../_lib/defineFunction';
import { attendanceActions } from './attendance';
import { browseActions } from './browse';
import { checkinActions } from './checkin';
import { manageActions } from './manage';
import { registrationActions } from './registrations';

/**
 * Events (活动): staff publish one-off and weekly events; retirees and family browse by week,
 * register (themselves or an elder they help), wait in line when full and are promoted when a
 * place frees; staff cancel or move an occurrence and everyone registered is told; on the day
 * staff check people in (QR code, six digits, or the list) and download the sign-in sheet;
 * person-times and attendance for the statistics.
 */
export const events = defineFunction('events', {
  ...browseActions,
  ...registrationActions,
  ...manageActions,
  ...checkinActions,
  ...attendanceActions,
});
export const main = events.main;
export { extendOccurrenceHorizon } from './store';
