/** The service centre, as the app tells people how to reach it. (Placeholder number.) */
export const CENTRE_NAME = '区退休人员社会化服务中心';
export const CENTRE_PHONE = '0592-0000000';
