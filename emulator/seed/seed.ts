import tcb from '@cloudbase/node-sdk';
import { identityKey } from '../../cloudfunctions/_lib/caller';
import { encryptPii, hashPii, piiKeysFromEnv } from '../../cloudfunctions/_lib/pii';
import { maskIdNumber } from '../../contract/idCard';
import { maskPhone } from '../../contract/phone';
import { COLLECTIONS } from '../../database/collections';
import { localFunctionEnv } from '../localEnv';
import { pointSdkAtEmulator } from '../sdkEnv';
import { type DemoData, generateDemoData, type Scale } from './generate';

/**
 * Write the demo data into a running emulator through the real SDK, and register the
 * demo accounts for the dev sign-in page. Safe to run again: an already seeded
 * database is left as it is.
 */
export async function seedDemoData(adminUrl: string, opts: { scale?: Scale; seed?: number } = {}) {
  pointSdkAtEmulator(adminUrl);
  const app = tcb.init({ env: 'local-dev', serviceUrl: adminUrl, secretId: 'local', secretKey: 'local' } as any);
  const db = app.database();
  const data = generateDemoData({ scale: opts.scale ?? 'demo', seed: opts.seed });
  const accounts = data.accounts.map((a) => ({
    id: a.key,
    label: a.label,
    role: a.role,
    name: a.name,
    openid: a.openid,
    uid: a.uid,
  }));
  await fetch(adminUrl.replace(/\/admin$/, '/dev/accounts'), { method: 'PUT', body: JSON.stringify(accounts) });

  const already = await db
    .collection(COLLECTIONS.users)
    .where({ identity: identityOf(data.accounts[0]) })
    .count();
  if (already.total > 0) return { seeded: false, retirees: 0 };

  const retireeIds = await writeRoster(db, data);
  const now = new Date();
  for (const a of data.accounts) {
    const boundTo = a.retireeIdNumber ? retireeIds.get(a.retireeIdNumber) : undefined;
    const { id: userId } = (await db.collection(COLLECTIONS.users).add({
      identity: identityOf(a),
      role: a.role,
      name: a.name,
      streets: a.streets ?? [],
      retireeId: boundTo ?? null,
      createdAt: now,
    })) as { id: string };
    if (boundTo) await db.collection(COLLECTIONS.retirees).doc(boundTo).update({ boundUserId: userId });
    const parent = a.parentIdNumber ? retireeIds.get(a.parentIdNumber) : undefined;
    if (parent) {
      await db.collection(COLLECTIONS.familyLinks).add({
        helperUserId: userId,
        retireeId: parent,
        relation: a.relation ?? '亲属',
        status: 'active',
        approvedBy: 'elder',
        createdAt: now,
      });
    }
  }
  await db.collection(COLLECTIONS.notices).add(
    data.notices.map((n, i) => ({
      requestId: `seed-notice-${i + 1}`,
      title: n.title,
      body: n.body,
      pinned: n.pinned,
      status: n.status,
      publishedAt: n.publishedAt ? new Date(n.publishedAt) : null,
      createdAt: n.publishedAt ? new Date(n.publishedAt) : now,
      updatedAt: n.publishedAt ? new Date(n.publishedAt) : now,
      createdBy: null,
      updatedBy: null,
    })),
  );
  return { seeded: true, retirees: retireeIds.size };
}

function identityOf(a: { openid?: string; uid?: string }): string {
  const key = identityKey(a);
  if (!key) throw new Error('a demo account needs an openid or a uid');
  return key;
}

/** The roster, encrypted as the functions store it, in batches. Returns ID number → document id. */
async function writeRoster(db: ReturnType<ReturnType<typeof tcb.init>['database']>, data: DemoData) {
  const keys = piiKeysFromEnv(localFunctionEnv());
  const ids = new Map<string, string>();
  const now = new Date();
  for (let i = 0; i < data.roster.length; i += 500) {
    const batch = data.roster.slice(i, i + 500);
    const docs = batch.map((r) => ({
      name: r.name,
      idHash: hashPii(keys, 'id', r.idNumber),
      idEnc: encryptPii(keys, r.idNumber),
      idMasked: maskIdNumber(r.idNumber),
      phoneHash: hashPii(keys, 'phone', r.phone),
      phoneEnc: encryptPii(keys, r.phone),
      phoneMasked: maskPhone(r.phone),
      sex: r.sex,
      birthDate: r.birthDate,
      retirementDate: r.retirementDate,
      lastCertifiedAt: r.lastCertifiedAt,
      street: r.street,
      community: r.community,
      abroad: r.abroad,
      nonMainlandId: r.nonMainlandId,
      boundUserId: null,
      createdAt: now,
      updatedAt: now,
    }));
    const res = (await db.collection(COLLECTIONS.retirees).add(docs)) as { ids: string[] };
    for (const [j, r] of batch.entries()) ids.set(r.idNumber, res.ids[j]);
  }
  return ids;
}
