import crypto from 'node:crypto';
import { CHECKIN_QR_PREFIX, CHECKIN_WINDOW_SECONDS, type CheckinCode, type CheckinResult, eventSchemas } from '../../contract/events';
import { startsAtIso } from '../../contract/recurrence';
import { shanghaiDay } from '../../contract/time';
import { type Caller, isStaff } from '../_lib/caller';
import { db } from '../_lib/cloud';
import { action, STAFF } from '../_lib/defineFunction';
import { AppError, notFound } from '../_lib/errors';
import { keyedHash } from '../_lib/pii';
import { pii } from '../_lib/retirees';
import { now } from '../_lib/time';
import { actingFor } from '../_lib/users';
import { getOccurrence, getRegistration, type OccurrenceDoc, type RegistrationDoc, registrationsCol } from './store';

/**
 * Check-in on the day. The person shows a QR code on their phone (or reads out the six digits
 * under it); staff scan it, type the digits, or tap the name in the list. A walk-in is a staff
 * `registration.create` followed by a check-in from the list.
 *
 * The code is signed with the deployment's keyed hash (PII_HMAC_KEY, its own label), names one
 * registration and one minute, and is accepted for that minute and the next: a screenshot sent
 * to a friend stops working within two minutes. The six digits are the same secret cut short
 * (like a bank's token): staff type them on the occurrence's page, and the server finds which
 * registration of that occurrence they belong to. Checking in is one conditional update
 * (`checkedInAt: null` → now), so a second scan, a double tap or a retried request changes
 * nothing and says so.
 */
const minuteOf = (t: number) => Math.floor(t / 1000 / CHECKIN_WINDOW_SECONDS);
const signature = (regId: string, minute: number) => keyedHash(pii(), 'checkin-qr', `${regId}:${minute}`).slice(0, 22);
const digitsOf = (regId: string, minute: number) =>
  String(Number.parseInt(keyedHash(pii(), 'checkin-digits', `${regId}:${minute}`).slice(0, 12), 16) % 1_000_000).padStart(6, '0');

export function qrFor(regId: string, minute: number): string {
  return `${CHECKIN_QR_PREFIX}.${regId}.${minute}.${signature(regId, minute)}`;
}

/** The registration a scanned QR names, if its signature is right and its minute is this one or the last. */
export function readQr(code: string, at: number): { registrationId: string } | 'expired' | 'invalid' {
  const parts = code.split('.');
  if (parts.length !== 4 || parts[0] !== CHECKIN_QR_PREFIX) return 'invalid';
  const [, regId, minuteText, sig] = parts;
  const minute = Number(minuteText);
  if (!Number.isSafeInteger(minute) || !regId) return 'invalid';
  const good = signature(regId, minute);
  if (sig.length !== good.length || !crypto.timingSafeEqual(Buffer.from(sig), Buffer.from(good))) return 'invalid';
  const current = minuteOf(at);
  if (minute > current + 1 || minute < current - 1) return 'expired';
  return { registrationId: regId };
}

const clock = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(11, 16);
const endsAt = (o: Pick<OccurrenceDoc, 'date' | 'end'>) => Date.parse(startsAtIso(o.date, o.end));

/** Why this registration cannot be checked in now (words for staff), or null. */
function checkinProblem(reg: RegistrationDoc, occ: OccurrenceDoc, at: Date, strictDay: boolean): string | null {
  if (occ.status === 'cancelled') return '这一场活动已经取消了';
  if (reg.status === 'waitlisted') return `${reg.retireeName}还在候补，没有报上名。如有空位，可在名单里先为他报名`;
  if (reg.status === 'pending') return `${reg.retireeName}的报名还在等审核，请先在名单里审核`;
  if (reg.status !== 'confirmed') return `${reg.retireeName}的报名已经取消了，可以在下面“现场报名”`;
  const today = shanghaiDay(at);
  if (today < occ.date) return `这场活动在${occ.date}，当天才能签到`;
  if (strictDay && today > occ.date) return `这是${occ.date}那一场的签到码，不是今天的`;
  return null;
}

async function setCheckedIn(
  reg: RegistrationDoc,
  occ: OccurrenceDoc,
  checkedIn: boolean,
  staffUserId: string,
  strictDay: boolean,
): Promise<CheckinResult> {
  const at = now();
  if (checkedIn) {
    const problem = checkinProblem(reg, occ, at, strictDay);
    if (problem) throw new AppError('CONFLICT', problem);
  }
  const res = (await registrationsCol()
    .where(checkedIn ? { _id: reg._id, status: 'confirmed', checkedInAt: null } : { _id: reg._id, checkedInAt: db().command.neq(null) })
    .update(
      checkedIn ? { checkedInAt: at, checkedInBy: staffUserId, updatedAt: at } : { checkedInAt: null, checkedInBy: null, updatedAt: at },
    )) as {
    updated: number;
  };
  const fresh = (await getRegistration(reg._id)) as RegistrationDoc;
  const when = fresh.checkedInAt ? new Date(fresh.checkedInAt) : null;
  const changed = res.updated === 1;
  let message: string;
  if (checkedIn) message = changed ? `${reg.retireeName} 签到成功` : `${reg.retireeName} 已经签到过了（${when ? clock(when) : ''}）`;
  else message = changed ? `已撤销${reg.retireeName}的签到` : `${reg.retireeName}还没有签到`;
  return { registrationId: reg._id, retireeName: reg.retireeName, checkedInAt: when ? when.toISOString() : null, changed, message };
}

/** The confirmed registrations of an occurrence whose six digits, this minute or the last, are `digits`. */
async function byDigits(occId: string, digits: string, at: number): Promise<RegistrationDoc[]> {
  const minute = minuteOf(at);
  const found: RegistrationDoc[] = [];
  for (let skip = 0; ; skip += 1000) {
    const { data } = await registrationsCol()
      .where({ occurrenceId: occId, status: 'confirmed' })
      .orderBy('_id', 'asc')
      .skip(skip)
      .limit(1000)
      .get();
    for (const r of data as RegistrationDoc[]) {
      if (digitsOf(r._id, minute) === digits || digitsOf(r._id, minute - 1) === digits) found.push(r);
    }
    if (data.length < 1000) break;
  }
  return found;
}

async function codeFor(caller: Caller, registrationId: string): Promise<CheckinCode> {
  const reg = await getRegistration(registrationId);
  if (!reg) throw notFound('没有找到这条报名');
  if (!isStaff(caller)) await actingFor(caller, reg.retireeId).catch(() => Promise.reject(notFound('没有找到这条报名')));
  const occ = await getOccurrence(reg.occurrenceId);
  if (!occ) throw notFound('没有找到这一场活动');
  if (occ.status === 'cancelled') throw new AppError('CONFLICT', '这一场活动已经取消了，不用签到');
  if (reg.status !== 'confirmed') throw new AppError('CONFLICT', '报上名以后才有签到码');
  const at = now().getTime();
  if (at >= endsAt(occ)) throw new AppError('CONFLICT', '这一场活动已经结束了');
  const minute = minuteOf(at);
  const nextMinuteAt = (minute + 1) * CHECKIN_WINDOW_SECONDS * 1000;
  return {
    registrationId: reg._id,
    retireeName: reg.retireeName,
    title: occ.title,
    date: occ.date,
    start: occ.start,
    qr: qrFor(reg._id, minute),
    digits: digitsOf(reg._id, minute),
    // Accepted through the next minute too.
    expiresAt: new Date(nextMinuteAt + CHECKIN_WINDOW_SECONDS * 1000).toISOString(),
    renewInSeconds: Math.max(5, Math.ceil((nextMinuteAt - at) / 1000)),
  };
}

export const checkinActions = {
  'checkin.code': action({
    input: eventSchemas['checkin.code'],
    roles: ['retiree', 'family', 'staff', 'admin'],
    handler: ({ registrationId }, { caller }) => codeFor(caller, registrationId),
  }),

  'checkin.scan': action({
    input: eventSchemas['checkin.scan'],
    roles: STAFF,
    handler: async ({ occurrenceId, code }, { caller }): Promise<CheckinResult> => {
      const occ = await getOccurrence(occurrenceId);
      if (!occ) throw notFound('没有找到这一场活动');
      const at = now().getTime();
      const compact = code.replace(/\s+/g, '');
      let reg: RegistrationDoc | null;
      if (/^\d{6}$/.test(compact)) {
        const found = await byDigits(occurrenceId, compact, at);
        if (found.length > 1) throw new AppError('CONFLICT', '这个签到码对上了不止一个人，请扫二维码或在名单里点名字签到');
        if (!found.length) throw new AppError('NOT_FOUND', '签到码不对或已过期，请让老人家刷新签到码再念一遍，或在名单里点名字签到');
        reg = found[0];
      } else {
        const read = readQr(code.trim(), at);
        if (read === 'invalid') throw new AppError('INVALID_INPUT', '这不是本中心的签到二维码');
        if (read === 'expired') throw new AppError('CONFLICT', '这个签到码已过期，请老人家打开“我的报名”重新出示');
        reg = await getRegistration(read.registrationId);
        if (!reg) throw notFound('没有找到这条报名');
        if (reg.occurrenceId !== occurrenceId) {
          const other = await getOccurrence(reg.occurrenceId);
          throw new AppError('CONFLICT', `这是另一场活动的签到码（${other ? `${other.date} ${other.title}` : '其他场次'}）`);
        }
      }
      return setCheckedIn(reg, occ, true, caller.userId as string, true);
    },
  }),

  'checkin.mark': action({
    input: eventSchemas['checkin.mark'],
    roles: STAFF,
    handler: async ({ registrationId, checkedIn }, { caller }): Promise<CheckinResult> => {
      const reg = await getRegistration(registrationId);
      if (!reg) throw notFound('没有找到这条报名');
      const occ = (await getOccurrence(reg.occurrenceId)) as OccurrenceDoc;
      // From the list, staff may also fill in a past occurrence's attendance afterwards.
      return setCheckedIn(reg, occ, checkedIn, caller.userId as string, false);
    },
  }),
};
