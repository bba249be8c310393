import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);

/** China Standard Time, UTC+8 all year: dates read the same wherever the phone thinks it is. */
const SHANGHAI_OFFSET_MINUTES = 8 * 60;

/** '2025年3月8日' — the way dates are written for people. */
export function formatChineseDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = dayjs(iso);
  return d.isValid() ? d.utcOffset(SHANGHAI_OFFSET_MINUTES).format('YYYY年M月D日') : '';
}

/** A calendar day 'YYYY-MM-DD' (already UTC+8) as '2025年3月8日', with no time-zone arithmetic. */
export function formatDay(day: string | null | undefined): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day ?? '');
  return m ? `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日` : '';
}

const WEEKDAYS = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];

/** A calendar day 'YYYY-MM-DD' as '11月24日 星期二' (the year left out: events are this year or next). */
export function formatDayWithWeekday(day: string | null | undefined): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day ?? '');
  if (!m) return '';
  const weekday = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))).getUTCDay();
  return `${Number(m[2])}月${Number(m[3])}日 ${WEEKDAYS[weekday]}`;
}

/** An instant as '11月24日 06:00' in UTC+8: deadlines and opening times. */
export function formatMonthDayTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = dayjs(iso);
  return d.isValid() ? d.utcOffset(SHANGHAI_OFFSET_MINUTES).format('M月D日 HH:mm') : '';
}
