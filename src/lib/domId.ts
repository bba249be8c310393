/** An element id from a prefix and a record id (ids such as "<eventId>:<date>" hold characters a selector would trip on). */
export const domId = (prefix: string, id: string) => `${prefix}-${id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
