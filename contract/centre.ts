/**
 * The service centre, as the app and the functions tell people how to reach it (placeholder
 * number). The same values as `src/lib/centre.ts`, which the app's pages import; a unit test keeps
 * the two equal until that file re-exports these.
 */
export const CENTRE_NAME = '区退休人员社会化服务中心';
export const CENTRE_PHONE = '0592-0000000';
