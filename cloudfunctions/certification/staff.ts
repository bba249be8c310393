import type { Page } from '../../contract/accounts';
import {
  type CertificationEntry,
  type CertificationMethod,
  certificationSchemas,
  daysBetween,
  type FoundRetiree,
  type HomeVisitItem,
  methodWords,
  STAFF_BACKDATE_DAYS,
} from '../../contract/certification';
import { shanghaiDay } from '../../contract/time';
import { COLLECTIONS } from '../../database/collections';
import { audit } from '../_lib/audit';
import { type Caller, isStaff, type UserDoc } from '../_lib/caller';
import { db } from '../_lib/cloud';
import { action, STAFF } from '../_lib/defineFunction';
import { AppError, invalidInput, notFound } from '../_lib/errors';
import { type RetireeDoc, retireeInScope, retirees } from '../_lib/retirees';
import { now } from '../_lib/time';
import { actingFor, getUser } from '../_lib/users';
import { type CertificationDoc, certificationsCol, recordCertification } from './record';
import { refreshState, statusOf } from './status';

/**
 * Staff certify those who cannot use a smartphone: on site at the community centre (现场)
 * or at home (上门). They find the person, record who, where and when; a home-visit list
 * (due soon, overdue or suspended, and no phone bound) is shared out among community workers.
 */

const PAGE = 20;
const NEEDS_VISIT = ['due_soon', 'overdue', 'suspended', 'never'];

/** Streets this caller may see, as a query condition (admins: no condition). */
function streetCondition(caller: Caller, street?: string) {
  const _ = db().command;
  if (street) {
    if (caller.streets !== 'all' && !caller.streets.includes(street)) throw notFound('没有找到这个街道');
    return { street };
  }
  return caller.streets === 'all' ? {} : { street: _.in(caller.streets) };
}

function found(d: RetireeDoc, today: string): FoundRetiree {
  return {
    id: d._id,
    name: d.name,
    idMasked: d.idMasked,
    phoneMasked: d.phoneMasked ?? null,
    street: d.street,
    community: d.community,
    bound: !!d.boundUserId,
    status: statusOf(d, today),
  };
}

function byWords(r: CertificationDoc): string {
  switch (r.via) {
    case 'self':
      return '本人';
    case 'family':
      return r.operatorName ? `家人 ${r.operatorName} 帮助` : '家人帮助';
    case 'staff':
      return r.operatorName ? `工作人员 ${r.operatorName}` : '工作人员';
    default:
      return (r.sources ?? [r.source]).join('、');
  }
}

export const staffActions = {
  'staff.find': action({
    input: certificationSchemas['staff.find'],
    roles: STAFF,
    handler: async ({ q }, { caller }): Promise<FoundRetiree[]> => {
      const _ = db().command;
      const scope = streetCondition(caller);
      let where: Record<string, unknown>;
      if (/^[0-9]{4}$/.test(q)) {
        // Four digits: the tail of the ID number or of the phone (both already shown masked with them).
        const tail = db().RegExp({ regexp: `${q}$` });
        where = _.or([
          { ...scope, idMasked: tail },
          { ...scope, phoneMasked: tail },
        ]) as never;
      } else if (/^[0-9]{3}[0-9Xx]$/.test(q)) {
        where = { ...scope, idMasked: db().RegExp({ regexp: `${q.toUpperCase()}$` }) };
      } else if (/^[\u4e00-\u9fa5·]{1,10}$/.test(q)) {
        where = { ...scope, name: db().RegExp({ regexp: `^${q}` }) };
      } else {
        throw invalidInput('请输入姓名，或身份证号、手机号的后4位');
      }
      const { data } = await retirees().where(where).orderBy('name', 'asc').limit(PAGE).get();
      const today = shanghaiDay(now());
      return (data as RetireeDoc[]).map((d) => found(d, today));
    },
  }),

  'staff.record': action({
    input: certificationSchemas['staff.record'],
    roles: STAFF,
    handler: async ({ retireeId, method, place, note, day, requestId }, { caller }) => {
      const retiree = await retireeInScope(caller, retireeId);
      const today = shanghaiDay(now());
      const when = day ?? today;
      if (when > today) throw invalidInput('认证日期不能晚于今天');
      if (daysBetween(when, today) > STAFF_BACKDATE_DAYS) throw invalidInput(`只能补记${STAFF_BACKDATE_DAYS}天以内的认证`);
      const { record, created } = await recordCertification({
        key: `staff:${caller.userId}:${requestId}`,
        retiree,
        method: method as CertificationMethod,
        day: when,
        source: method === 'onsite' ? '现场' : '上门',
        place,
        note: note || null,
        operatorUserId: caller.userId,
        operatorName: caller.name,
        via: 'staff',
      });
      if (created) {
        await audit(caller, {
          action: 'certification.record',
          target: { collection: COLLECTIONS.certifications, id: record._id },
          subjectId: retireeId,
          detail: { method, day: when, place },
        });
        // Visited: off the home-visit list.
        if (method === 'home_visit') await retirees().doc(retireeId).update({ homeVisit: null });
      }
      await refreshState(retireeId);
      const fresh = await retireeInScope(caller, retireeId);
      return found(fresh, today);
    },
  }),

  'history.get': action({
    input: certificationSchemas['history.get'],
    roles: ['retiree', 'family', 'staff', 'admin'],
    handler: async ({ retireeId }, { caller }): Promise<CertificationEntry[]> => {
      if (isStaff(caller)) await retireeInScope(caller, retireeId);
      else await actingFor(caller, retireeId).catch(() => Promise.reject(notFound('没有找到这位长辈的认证记录')));
      const { data } = await certificationsCol().where({ retireeId }).orderBy('day', 'desc').limit(20).get();
      return (data as CertificationDoc[]).map((r) => ({
        id: r._id,
        day: r.day,
        method: r.method,
        methodWords: methodWords(r.method),
        source: r.source,
        byWords: byWords(r),
        place: r.place ?? null,
      }));
    },
  }),

  'homeVisit.list': action({
    input: certificationSchemas['homeVisit.list'],
    roles: STAFF,
    handler: async ({ street, assignee, page }, { caller }): Promise<Page<HomeVisitItem> & { total: number }> => {
      const _ = db().command;
      const where: Record<string, unknown> = {
        ...streetCondition(caller, street),
        certState: _.in(NEEDS_VISIT),
        boundUserId: null,
      };
      if (assignee === 'unassigned') where.homeVisit = null;
      if (assignee === 'mine') where['homeVisit.assigneeUserId'] = caller.userId;
      const col = retirees();
      const [{ total }, { data }] = await Promise.all([
        col.where(where).count() as Promise<{ total: number }>,
        col
          .where(where)
          .orderBy('lastCertifiedAt', 'asc')
          .skip(page * PAGE)
          .limit(PAGE)
          .get(),
      ]);
      const today = shanghaiDay(now());
      return {
        total,
        page,
        hasMore: (page + 1) * PAGE < total,
        items: (data as RetireeDoc[]).map((d) => ({
          ...found(d, today),
          assigneeUserId: d.homeVisit?.assigneeUserId ?? null,
          assigneeName: d.homeVisit?.assigneeName ?? null,
        })),
      };
    },
  }),

  'homeVisit.assign': action({
    input: certificationSchemas['homeVisit.assign'],
    roles: STAFF,
    handler: async ({ retireeIds, assigneeUserId }, { caller }) => {
      let assignee: UserDoc | null = null;
      if (assigneeUserId) {
        assignee = await getUser(assigneeUserId);
        if (!assignee || (assignee.role !== 'staff' && assignee.role !== 'admin') || assignee.disabled) {
          throw invalidInput('只能分派给在岗的工作人员');
        }
      }
      // Every person must be in the caller's streets (and the worker's) before anything is written.
      const docs = await Promise.all([...new Set(retireeIds)].map((id) => retireeInScope(caller, id)));
      const serves = (s: string) =>
        !assignee || assignee.role === 'admin' || assignee.streets === 'all' || (assignee.streets ?? []).includes(s);
      const outside = docs.find((d) => !serves(d.street));
      if (outside) throw new AppError('INVALID_INPUT', `${assignee?.name}不负责${outside.street}街道，不能分派${outside.name}`);
      const homeVisit = assignee ? { assigneeUserId: assignee._id, assigneeName: assignee.name, assignedAt: shanghaiDay(now()) } : null;
      const _ = db().command;
      await retirees()
        .where({ _id: _.in(docs.map((d) => d._id)) })
        .update({ homeVisit: homeVisit ? _.set(homeVisit) : null });
      await audit(caller, {
        action: assignee ? 'homeVisit.assign' : 'homeVisit.unassign',
        target: { collection: COLLECTIONS.retirees, id: docs[0]._id },
        subjectId: docs.length === 1 ? docs[0]._id : null,
        detail: { count: docs.length, retireeIds: docs.map((d) => d._id), assigneeUserId: assignee?._id ?? null },
      });
      return { assigned: docs.length, assigneeName: assignee?.name ?? null };
    },
  }),
};
