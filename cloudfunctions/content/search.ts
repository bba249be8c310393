import { CENTRE_NAME, CENTRE_PHONE } from '../../contract/centre';
import { type PolicySearchResult, policySchemas, type SearchNextStep } from '../../contract/policy';
import { addDays } from '../../contract/recurrence';
import { shanghaiDay } from '../../contract/time';
import type { Caller } from '../_lib/caller';
import { db } from '../_lib/cloud';
import { action, EVERYONE } from '../_lib/defineFunction';
import { createSearchIndex, type SearchDoc, type SearchIndex } from '../_lib/search';
import { now } from '../_lib/time';
import { type AnswerDoc, answerState, answers } from './answerStore';
import { audienceMatches, audienceOf } from './audience';
import { contentStamp } from './meta';
import { type NoticeDoc, noticeState, notices } from './noticeStore';

/**
 * Search for everyone (`policy.search`), over the answers live now and the notices live now.
 *
 * The index lives in the warm instance and is built from the database only when something could
 * have changed: the content stamp (`meta.ts`) differs from the one read before the last build, or
 * the clock has passed the next moment an item appears or goes (a publish-at, an expiry, the day an
 * answer's policy starts or ends — the build knows them all). Otherwise a search costs one read of
 * the stamp. One index serves every reader: notices for some streets are in it, and hits are
 * filtered by the caller's audience afterwards (the engine is asked for its 50 best, more than a
 * page ever shows).
 */
const PAGE = 1000;
const CANDIDATES = 50;

interface Built {
  stamp: string;
  /** Rebuild at or after this instant (ms): the next publish-at, expiry or change of day that matters. */
  validUntil: number;
  index: SearchIndex;
  /** Each notice's audience keys, to filter hits; answers are everyone's. */
  noticeAudience: Map<string, string[] | undefined>;
  categories: Map<string, string>;
  builtAt: number;
  buildMs: number;
}

let built: Built | null = null;

/** Every document matching `where`, a thousand at a time, in `_id` order. */
async function readAll<T extends { _id: string }>(
  col: ReturnType<typeof answers>,
  where: unknown,
  fields: Record<string, boolean>,
): Promise<T[]> {
  const _ = db().command;
  const out: T[] = [];
  let last = '';
  for (;;) {
    const { data } = await col
      .where(_.and([where, { _id: _.gt(last) }] as never[]) as never)
      .orderBy('_id', 'asc')
      .limit(PAGE)
      .field(fields)
      .get();
    out.push(...(data as T[]));
    if (data.length < PAGE) return out;
    last = (data[data.length - 1] as T)._id;
  }
}

/** Midnight (UTC+8) starting a day, as ms. */
const dayStart = (day: string) => Date.parse(`${day}T00:00:00+08:00`);

async function build(at: Date): Promise<Built> {
  const started = Date.now();
  const stamp = await contentStamp(); // read before the documents: a change during the build leaves a new stamp
  const _ = db().command;
  const today = shanghaiDay(at);
  const [answerDocs, noticeDocs] = await Promise.all([
    readAll<AnswerDoc>(
      answers(),
      _.and([{ status: 'published' }, _.or([{ effectiveUntil: null }, { effectiveUntil: _.gte(today) }])] as never[]),
      {
        question: true,
        answerText: true,
        category: true,
        keywords: true,
        status: true,
        publishedAt: true,
        effectiveFrom: true,
        effectiveUntil: true,
      },
    ),
    readAll<NoticeDoc>(notices(), _.and([{ status: 'published' }, _.or([{ expireAt: null }, { expireAt: _.gt(at) }])] as never[]), {
      title: true,
      body: true,
      bodyText: true,
      status: true,
      publishedAt: true,
      expireAt: true,
      audienceKeys: true,
    }),
  ]);
  const t = at.getTime();
  let validUntil = Number.POSITIVE_INFINITY;
  const later = (ms: number | null) => {
    if (ms !== null && ms > t && ms < validUntil) validUntil = ms;
  };
  const docs: SearchDoc[] = [];
  const categories = new Map<string, string>();
  for (const a of answerDocs) {
    later(a.publishedAt ? new Date(a.publishedAt).getTime() : null);
    if (a.effectiveFrom) later(dayStart(a.effectiveFrom));
    if (a.effectiveUntil) later(dayStart(addDays(a.effectiveUntil, 1)));
    if (answerState(a, at) !== 'live') continue;
    docs.push({ id: a._id, kind: 'answer', title: a.question, body: a.answerText, category: a.category, keywords: a.keywords });
    categories.set(a._id, a.category);
  }
  const noticeAudience = new Map<string, string[] | undefined>();
  for (const n of noticeDocs) {
    later(n.publishedAt ? new Date(n.publishedAt).getTime() : null);
    later(n.expireAt ? new Date(n.expireAt).getTime() : null);
    if (noticeState(n, at) !== 'live') continue;
    docs.push({ id: n._id, kind: 'notice', title: n.title, body: n.bodyText ?? n.body });
    noticeAudience.set(n._id, n.audienceKeys);
  }
  const index = createSearchIndex(docs);
  return { stamp, validUntil, index, noticeAudience, categories, builtAt: Date.now(), buildMs: Date.now() - started };
}

/** The index for this instant: the cached one if nothing could have changed since it was built. */
export async function currentIndex(at: Date): Promise<Built> {
  if (built && at.getTime() < built.validUntil && (await contentStamp()) === built.stamp) return built;
  built = await build(at);
  return built;
}

/** For tests and benchmarks: forget the instance's index. */
export function forgetIndex() {
  built = null;
}

function nextStep(q: string, caller: Caller): SearchNextStep {
  const canAsk = caller.role === 'retiree' || caller.role === 'family';
  const askHint = canAsk
    ? '也可以点“我要提问”，把问题写下来，工作人员会答复您。'
    : caller.role === 'anonymous'
      ? '登录以后，也可以把问题写下来问我们。'
      : caller.role === 'guest'
        ? '绑定身份或关联家人以后，也可以把问题写下来问我们。'
        : '可以在问答管理里补一条问答。';
  return {
    message: `没有找到和“${q}”有关的内容。可以换个说法再查，或者打电话问${CENTRE_NAME}：${CENTRE_PHONE}。`,
    centreName: CENTRE_NAME,
    centrePhone: CENTRE_PHONE,
    canAsk,
    askHint,
  };
}

export const searchActions = {
  'policy.search': action({
    input: policySchemas['policy.search'],
    roles: EVERYONE,
    handler: async ({ q, kind, limit }, { caller }): Promise<PolicySearchResult> => {
      const at = now();
      const [current, audience] = await Promise.all([currentIndex(at), audienceOf(caller)]);
      const hits = current.index
        .search(q, { limit: Math.max(CANDIDATES, limit), kind })
        .filter((h) => h.kind === 'answer' || audienceMatches(audience, current.noticeAudience.get(h.id)))
        .slice(0, limit)
        .map((h) => ({ ...h, category: h.kind === 'answer' ? (current.categories.get(h.id) ?? null) : null }));
      return { query: q, hits, nextStep: hits.length ? null : nextStep(q, caller) };
    },
  }),
};
