import tcb from '@cloudbase/node-sdk';
import { identityKey } from '../../cloudfunctions/_lib/caller';
import { piiKeysFromEnv } from '../../cloudfunctions/_lib/pii';
import { rosterFields } from '../../cloudfunctions/_lib/retirees';
import { PRIVACY_VERSION } from '../../contract/accounts';
import { certificationState, DEFAULT_RULES } from '../../contract/certification';
import { COLLECTIONS } from '../../database/collections';
import { localFunctionEnv } from '../localEnv';
import { pointSdkAtEmulator } from '../sdkEnv';
import { DEFAULT_TODAY, type DemoData, generateDemoData, type Scale } from './generate';

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
    // A guest has no account until they bind or ask to help someone.
    if (a.role === 'guest') continue;
    const identity = identityOf(a);
    const boundTo = a.retireeIdNumber ? retireeIds.get(a.retireeIdNumber) : undefined;
    const { id: userId } = (await db.collection(COLLECTIONS.users).add({
      identity,
      role: a.role,
      name: a.name,
      streets: a.streets ?? [],
      retireeId: boundTo ?? null,
      createdAt: now,
    })) as { id: string };
    // The demo people have already read and accepted the privacy guide.
    if (a.role !== 'staff' && a.role !== 'admin') {
      await db.collection(COLLECTIONS.consents).add({ identity, kind: 'privacy', version: PRIVACY_VERSION, at: now });
    }
    if (boundTo) await db.collection(COLLECTIONS.retirees).doc(boundTo).update({ boundUserId: userId });
    const parent = a.parentIdNumber ? retireeIds.get(a.parentIdNumber) : undefined;
    const parentRow = data.roster.find((r) => r.idNumber === a.parentIdNumber);
    if (parent && parentRow) {
      await db.collection(COLLECTIONS.familyLinks).add({
        pairKey: `${userId}:${parent}`,
        requestKey: `seed:${a.key}`,
        helperUserId: userId,
        helperName: a.name,
        retireeId: parent,
        elderName: parentRow.name,
        street: parentRow.street,
        relation: a.relation ?? '其他亲属',
        status: 'active',
        approvedBy: 'elder',
        note: null,
        createdAt: now,
        updatedAt: now,
        endedAt: null,
      });
      await db.collection(COLLECTIONS.retirees).doc(parent).update({ helperCount: 1 });
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
      ...rosterFields(keys, r),
      // As the scheduler would have left it the night before (lists such as home visits read it).
      certState: certificationState({ lastCertifiedAt: r.lastCertifiedAt }, DEFAULT_RULES, DEFAULT_TODAY),
      certStateDay: DEFAULT_TODAY,
      boundUserId: null,
      helperCount: 0,
      createdByJob: null,
      updatedByJob: null,
      createdAt: now,
      updatedAt: now,
    }));
    const res = (await db.collection(COLLECTIONS.retirees).add(docs)) as { ids: string[] };
    for (const [j, r] of batch.entries()) ids.set(r.idNumber, res.ids[j]);
  }
  return ids;
}
