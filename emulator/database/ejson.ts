import { EJSON } from 'bson';

/**
 * The SDK sends queries, documents and updates as canonical EJSON strings
 * (`{"$numberInt":"1"}`, `{"$date":…}`, `{"$regularExpression":…}`) and parses replies
 * with `EJSON.parse`. Inside the engine documents are plain JS values (Date, RegExp).
 */
export function decode(text: string | undefined | null, now: number = Date.now()): any {
  if (text === undefined || text === null || text === '') return undefined;
  return toPlain(EJSON.parse(text, { relaxed: true }), now);
}

/** Replies use relaxed EJSON: numbers stay numbers, dates become `{"$date":"…"}`. */
export function encode(value: unknown): string {
  return EJSON.stringify(value as any, { relaxed: true });
}

function toPlain(value: any, now: number): any {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return value;
  if (value._bsontype === 'BSONRegExp') return new RegExp(value.pattern, jsFlags(value.options));
  if (value._bsontype === 'Long' || value._bsontype === 'Int32' || value._bsontype === 'Double') return Number(value);
  if (value instanceof RegExp) return value;
  if (Array.isArray(value)) return value.map((v) => toPlain(v, now));
  // `db.serverDate({ offset })` arrives as a marker the server replaces with its own clock.
  if ('$tcb_server_date' in value && Object.keys(value).length === 1) {
    const offset = Number(value.$tcb_server_date?.offset ?? 0);
    return new Date(now + offset);
  }
  const out: Record<string, any> = {};
  for (const [k, v] of Object.entries(value)) out[k] = toPlain(v, now);
  return out;
}

function jsFlags(options: string): string {
  return [...new Set(options.split(''))].filter((f) => 'imsu'.includes(f)).join('');
}
