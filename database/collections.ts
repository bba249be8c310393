/**
 * Every collection and index of the product, declared once. The emulator applies this
 * at start; `npm run deploy` creates the same collections and indexes in CloudBase.
 *
 * Unique indexes follow MongoDB (and so CloudBase): a document missing an indexed field
 * counts as `null`, and two such documents collide. Keep unique fields always present.
 */
export interface IndexDeclaration {
  name: string;
  keys: Record<string, 1 | -1>;
  unique?: boolean;
}

export interface CollectionDeclaration {
  name: string;
  description: string;
  indexes: IndexDeclaration[];
}

export const COLLECTIONS = {
  users: 'users',
  retirees: 'retirees',
  familyLinks: 'family_links',
  notices: 'notices',
  auditLog: 'audit_log',
} as const;

export const collections: CollectionDeclaration[] = [
  {
    name: COLLECTIONS.users,
    description: 'Accounts: a WeChat user (openid) or a console user (uid), with a role',
    indexes: [
      // "wx:<openid>" or "web:<uid>": one account per sign-in identity.
      { name: 'identity_unique', keys: { identity: 1 }, unique: true },
      { name: 'role', keys: { role: 1 } },
    ],
  },
  {
    name: COLLECTIONS.retirees,
    description: 'The roster: one document per retiree under socialised management',
    indexes: [
      { name: 'id_hash_unique', keys: { idHash: 1 }, unique: true },
      { name: 'street_community', keys: { street: 1, community: 1 } },
      { name: 'phone_hash', keys: { phoneHash: 1 } },
    ],
  },
  {
    name: COLLECTIONS.familyLinks,
    description: 'A family member helping an elder',
    indexes: [
      { name: 'pair_unique', keys: { helperUserId: 1, retireeId: 1 }, unique: true },
      { name: 'retiree', keys: { retireeId: 1 } },
    ],
  },
  {
    name: COLLECTIONS.notices,
    description: 'Notices (通知公告)',
    indexes: [
      { name: 'request_unique', keys: { requestId: 1 }, unique: true },
      { name: 'status_pinned_published', keys: { status: 1, pinned: -1, publishedAt: -1 } },
    ],
  },
  {
    name: COLLECTIONS.auditLog,
    description: 'Append-only audit log of staff changes and whole-value reads',
    indexes: [{ name: 'at', keys: { at: -1 } }],
  },
];
