import type { CertificationRules } from '../../contract/certification';
import { EVIDENCE_ALIASES, EVIDENCE_COLUMNS, EVIDENCE_REQUIRED, type EvidenceColumn } from '../../contract/comparison';
import { idNumberProblem, maskIdNumber } from '../../contract/idCard';
import { hashPii, type PiiKeys } from '../_lib/pii';
import { type Cell, cellText, parseDate, type TableSpec } from '../_lib/tableFile';

/**
 * One evidence row: an ID number, a name (may be blank), a source the rules know (strong,
 * weak or stop) and a day not after today. Checked once per distinct value: a 1,000,000-row
 * file repeats the same people, sources and days, so each ID is validated and hashed once.
 */
export const EVIDENCE_TABLE: TableSpec<EvidenceColumn> = {
  columns: EVIDENCE_COLUMNS,
  required: EVIDENCE_REQUIRED,
  aliases: EVIDENCE_ALIASES,
};

export type EvidenceRaw = Partial<Record<EvidenceColumn, Cell>>;

export interface EvidenceRow {
  idHash: string;
  idMasked: string;
  name: string;
  source: string;
  kind: 'strong' | 'weak' | 'stop';
  date: string;
}

/** Names compare after removing spaces and unifying the middle dot of minority names. */
export const sameName = (a: string, b: string) => normName(a) === normName(b);
const normName = (s: string) => s.replace(/[\s\u3000]/g, '').replace(/[•・．.·]/g, '·');

export function evidenceRowChecker(rules: CertificationRules, keys: PiiKeys, today: string) {
  const kindOf = new Map<string, EvidenceRow['kind']>();
  for (const s of rules.evidence.weak) kindOf.set(s, 'weak');
  for (const s of rules.evidence.strong) kindOf.set(s, 'strong');
  for (const s of rules.evidence.stop) kindOf.set(s, 'stop');
  const known = [...kindOf.keys()].join('、');
  const ids = new Map<string, { hash: string; masked: string } | string>();
  const days = new Map<string, string | null>();

  return (raw: EvidenceRaw): { ok: true; row: EvidenceRow } | { ok: false; problem: string } => {
    const idCell = raw.身份证号;
    if (typeof idCell === 'number') return { ok: false, problem: '身份证号被 Excel 当成了数字，后几位已经丢失；请把这一列设为"文本"' };
    const idText = cellText(idCell).toUpperCase();
    if (!idText) return { ok: false, problem: '没有身份证号' };
    let id = ids.get(idText);
    if (id === undefined) {
      const problem = idNumberProblem(idText, today);
      id = problem ?? { hash: hashPii(keys, 'id', idText), masked: maskIdNumber(idText) };
      ids.set(idText, id);
    }
    if (typeof id === 'string') return { ok: false, problem: id };
    const source = cellText(raw.数据来源);
    const kind = kindOf.get(source);
    if (!source) return { ok: false, problem: '没有数据来源' };
    if (!kind) return { ok: false, problem: `数据来源"${source.slice(0, 20)}"不在认可的来源里（认可：${known}）` };
    const dateCell = raw.日期;
    const key = dateCell instanceof Date ? `d:${dateCell.getTime()}` : String(dateCell ?? '');
    let date = days.get(key);
    if (date === undefined) {
      date = parseDate(dateCell);
      days.set(key, date);
    }
    if (!date) return { ok: false, problem: '日期不对，请写成 2026-03-07 这样' };
    if (date > today) return { ok: false, problem: '日期在今天之后，请核对' };
    const name = cellText(raw.姓名).slice(0, 20);
    return { ok: true, row: { idHash: id.hash, idMasked: id.masked, name, source, kind, date } };
  };
}
