import type { RetireeSummary } from '../../contract/accounts';
import type { CertificationMethod, CertificationState } from '../../contract/certification';
import { maskIdNumber } from '../../contract/idCard';
import { maskPhone } from '../../contract/phone';
import { COLLECTIONS } from '../../database/collections';
import type { Caller } from './caller';
import { db } from './cloud';
import { notFound } from './errors';
import { encryptPii, hashPii, keyedHash, type PiiKeys, piiKeysFromEnv } from './pii';

/** A roster entry as stored: personal numbers encrypted, hashed for look-up, masked for display. */
export interface RetireeDoc {
  _id: string;
  name: string;
  idHash: string;
  idEnc: string;
  idMasked: string;
  phoneHash: string | null;
  phoneEnc: string | null;
  phoneMasked: string | null;
  sex: 'M' | 'F';
  birthDate: string;
  retirementDate: string;
  lastCertifiedAt: string | null;
  street: string;
  community: string;
  abroad: boolean;
  nonMainlandId: boolean;
  boundUserId: string | null;
  /** Pending and active helpers, kept on the entry so the limit holds under concurrency. */
  helperCount?: number;
  // ---- certification (issue 4); see docs/DESIGN.md "Certification records" ----
  /** How the last certification came (its source and the rest are on the record in `certifications`). */
  lastMethod?: CertificationMethod | null;
  /** Payment suspended for being overdue, the day (set by the scheduler). */
  suspendedAt?: string | null;
  /** Payment restored after a later certification, the day (set by the scheduler). */
  restoredAt?: string | null;
  /** The state as of the scheduler's last run (queries and statistics read it; status.mine computes it live). */
  certState?: CertificationState;
  certStateDay?: string;
  /**
   * A death or cancellation record arrived by data comparison: automatic certification stops
   * and the person is on the staff verification list until staff settle it.
   */
  autoCertStop?: AutoCertStop | null;
  /** On the home-visit list, assigned to a community worker. */
  homeVisit?: { assigneeUserId: string; assigneeName: string; assignedAt: string } | null;
}

export interface AutoCertStop {
  kind: 'death' | 'cancellation';
  source: string;
  /** The day on the record. */
  date: string;
  jobId: string | null;
  /** 'open' until staff verify; 'alive' (a mistaken record, automatic certification resumes) or 'confirmed'. */
  status: 'open' | 'alive' | 'confirmed';
  settledBy?: string | null;
  note?: string | null;
}

let keys: PiiKeys | null = null;
/** This instance's personal-data keys (read once from the environment). */
export function pii(): PiiKeys {
  if (!keys) keys = piiKeysFromEnv();
  return keys;
}

export const retirees = () => db().collection(COLLECTIONS.retirees);

export function toSummary(d: RetireeDoc): RetireeSummary {
  return {
    id: d._id,
    name: d.name,
    idMasked: d.idMasked,
    phoneMasked: d.phoneMasked ?? null,
    sex: d.sex,
    birthDate: d.birthDate,
    street: d.street,
    community: d.community,
    lastCertifiedAt: d.lastCertifiedAt ?? null,
    certState: d.certState ?? null,
    abroad: !!d.abroad,
    nonMainlandId: !!d.nonMainlandId,
    bound: !!d.boundUserId,
  };
}

export async function getRetiree(id: string): Promise<RetireeDoc | null> {
  const { data } = await retirees().doc(id).get();
  return (data[0] as RetireeDoc | undefined) ?? null;
}

export async function findByIdNumber(idNumber: string): Promise<RetireeDoc | null> {
  const { data } = await retirees()
    .where({ idHash: hashPii(pii(), 'id', idNumber) })
    .limit(1)
    .get();
  return (data[0] as RetireeDoc | undefined) ?? null;
}

/** Staff see the streets they serve; 'all' is the whole district. */
export function inScope(caller: Caller, street: string): boolean {
  return caller.streets === 'all' || caller.streets.includes(street);
}

/**
 * A roster entry this staff member may see. Outside their streets it does not exist for
 * them (the same answer as a wrong id), so scope cannot be probed.
 */
export async function retireeInScope(caller: Caller, id: string): Promise<RetireeDoc> {
  const doc = await getRetiree(id);
  if (!doc || !inScope(caller, doc.street)) throw notFound('没有找到这位人员');
  return doc;
}

/** What the roster says about a person (from an import, or the demo seed). */
export interface RosterFacts {
  name: string;
  idNumber: string;
  phone: string | null;
  sex: 'M' | 'F';
  birthDate: string;
  retirementDate: string;
  lastCertifiedAt: string | null;
  street: string;
  community: string;
  abroad: boolean;
  nonMainlandId: boolean;
}

/**
 * The stored fields for those facts: numbers encrypted, hashed and masked, and a keyed
 * hash of the facts themselves so an unchanged row is recognised without decrypting.
 */
export function rosterFields(keys: PiiKeys, f: RosterFacts) {
  const facts = [
    f.name,
    f.idNumber,
    f.phone ?? '',
    f.sex,
    f.birthDate,
    f.retirementDate,
    f.lastCertifiedAt ?? '',
    f.street,
    f.community,
    f.abroad,
    f.nonMainlandId,
  ];
  return {
    name: f.name,
    idHash: hashPii(keys, 'id', f.idNumber),
    idEnc: encryptPii(keys, f.idNumber),
    idMasked: maskIdNumber(f.idNumber),
    phoneHash: f.phone ? hashPii(keys, 'phone', f.phone) : null,
    phoneEnc: f.phone ? encryptPii(keys, f.phone) : null,
    phoneMasked: f.phone ? maskPhone(f.phone) : null,
    sex: f.sex,
    birthDate: f.birthDate,
    retirementDate: f.retirementDate,
    lastCertifiedAt: f.lastCertifiedAt,
    street: f.street,
    community: f.community,
    abroad: f.abroad,
    nonMainlandId: f.nonMainlandId,
    factsHash: keyedHash(keys, 'facts', JSON.stringify(facts)),
  };
}
