/** The service centre, as the app tells people how to reach it: the contract's values, which the functions use too. */
export { CENTRE_NAME, CENTRE_PHONE } from '@contract/centre';
