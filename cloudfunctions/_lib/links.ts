import type { FamilyLink } from '../../contract/accounts';
import { COLLECTIONS } from '../../database/collections';
import { db } from './cloud';

/** A family link as stored. */
export interface LinkDoc {
  _id: string;
  pairKey: string;
  requestKey: string;
  helperUserId: string;
  helperName: string;
  retireeId: string | null;
  elderName: string;
  street: string | null;
  relation: string;
  status: FamilyLink['status'];
  approvedBy: 'elder' | 'staff' | null;
  reviewedBy?: string | null;
  note: string | null;
  createdAt: Date;
  updatedAt: Date;
  endedAt: Date | null;
  endedBy?: string | null;
}

export const links = () => db().collection(COLLECTIONS.familyLinks);

export function toLink(d: LinkDoc): FamilyLink {
  return {
    id: d._id,
    retireeId: d.retireeId,
    elderName: d.elderName,
    helperUserId: d.helperUserId,
    helperName: d.helperName,
    relation: d.relation,
    status: d.status,
    approvedBy: d.approvedBy,
    note: d.note,
    createdAt: new Date(d.createdAt).toISOString(),
    endedAt: d.endedAt ? new Date(d.endedAt).toISOString() : null,
  };
}

export async function getLink(id: string): Promise<LinkDoc | null> {
  const { data } = await links().doc(id).get();
  return (data[0] as LinkDoc | undefined) ?? null;
}

/** The pair key of a live (pending or active) link; a closed link gets a unique one so a new request can follow. */
export const livePairKey = (helperUserId: string, retireeKey: string) => `${helperUserId}:${retireeKey}`;
export const closedPairKey = (linkId: string) => `closed:${linkId}`;
