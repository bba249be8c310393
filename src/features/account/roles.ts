import type { CallerRole } from '@contract/envelope';

const ROLE_NAMES: Record<CallerRole, string> = {
  retiree: '退休人员',
  family: '家属',
  staff: '工作人员',
  admin: '管理员',
  guest: '访客',
  anonymous: '未登录',
};

export const roleName = (role: CallerRole): string => ROLE_NAMES[role] ?? '访客';

/** Staff and admins manage notices and, later, reviews. */
export const isStaff = (role: CallerRole | undefined): boolean => role === 'staff' || role === 'admin';
