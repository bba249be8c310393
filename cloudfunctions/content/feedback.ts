import type { FeedbackCounts, PolicyAnswerLoaded, PolicyAnswerView } from '../../contract/policy';
import { COLLECTIONS } from '../../database/collections';
import { db } from '../_lib/cloud';

/**
 * "Did this help?" on an answer: one document per person (sign-in identity) per answer,
 * `<answerId>:<identity>`, written with `set`, so answering again changes the answer rather than
 * adding one. Staff see the counts and the notes, never who left them.
 */
export interface FeedbackDoc {
  _id: string;
  answerId: string;
  identity: string;
  helpful: boolean;
  note: string | null;
  at: Date;
}

const feedback = () => db().collection(COLLECTIONS.contentFeedback);
const feedbackId = (answerId: string, identity: string) => `${answerId}:${identity}`;
const NOTES_SHOWN = 20;

export async function recordFeedback(answerId: string, identity: string, helpful: boolean, note: string | null, at: Date) {
  await feedback().doc(feedbackId(answerId, identity)).set({ answerId, identity, helpful, note, at });
}

export async function myFeedback(answerId: string, identity: string | null): Promise<PolicyAnswerView['myFeedback']> {
  if (!identity) return null;
  const { data } = await feedback().doc(feedbackId(answerId, identity)).get();
  const d = data[0] as FeedbackDoc | undefined;
  return d ? { helpful: d.helpful, note: d.note } : null;
}

/** Counts per answer, for a page of answers: one aggregation. */
export async function feedbackCounts(answerIds: string[]): Promise<Map<string, FeedbackCounts>> {
  const out = new Map<string, FeedbackCounts>(answerIds.map((id) => [id, { helpful: 0, notHelpful: 0 }]));
  if (!answerIds.length) return out;
  const _ = db().command;
  const $ = db().command.aggregate;
  const { data } = (await feedback()
    .aggregate()
    .match({ answerId: _.in(answerIds) })
    .group({ _id: { answerId: '$answerId', helpful: '$helpful' }, n: $.sum(1) })
    .limit(1000)
    .end()) as { data: Array<{ _id: { answerId: string; helpful: boolean }; n: number }> };
  for (const g of data) {
    const c = out.get(g._id.answerId);
    if (!c) continue;
    if (g._id.helpful) c.helpful += g.n;
    else c.notHelpful += g.n;
  }
  return out;
}

/** The latest notes left on an answer (without who left them). */
export async function feedbackNotes(answerId: string): Promise<PolicyAnswerLoaded['feedbackNotes']> {
  const _ = db().command;
  const { data } = await feedback()
    .where({ answerId, note: _.neq(null) })
    .orderBy('at', 'desc')
    .limit(NOTES_SHOWN)
    .field({ helpful: true, note: true, at: true })
    .get();
  return (data as FeedbackDoc[])
    .filter((d) => d.note)
    .map((d) => ({ helpful: d.helpful, note: d.note as string, at: new Date(d.at).toISOString() }));
}
