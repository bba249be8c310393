import { defineFunction } from '../_lib/defineFunction';
import { faceActions } from './face';
import { reportActions } from './reports';
import { staffActions } from './staff';
import { statusActions } from './status';
import { subscriptionActions } from './subscriptions';

/**
 * Pension eligibility certification: where each person stands, self-service and
 * family-assisted face verification, and staff on-site and home-visit certification.
 */
export const certification = defineFunction('certification', {
  ...statusActions,
  ...faceActions,
  ...staffActions,
  ...reportActions,
  ...subscriptionActions,
});
export const main = certification.main;
