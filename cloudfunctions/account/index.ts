import { defineFunction } from '../_lib/defineFunction';
import { auditActions } from './auditLog';
import { bindingActions } from './binding';
import { familyActions } from './family';
import { meActions } from './me';
import { rosterActions } from './roster';
import { staffActions } from './staff';

/** Accounts and trust: who the caller is, binding, family links, the roster, staff, the audit log. */
export const account = defineFunction('account', {
  ...meActions,
  ...bindingActions,
  ...familyActions,
  ...rosterActions,
  ...staffActions,
  ...auditActions,
});
export const main = account.main;
