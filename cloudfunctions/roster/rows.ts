import { STREETS } from '../../contract/accounts';
import { birthDateFromId, idNumberProblem, sexFromId } from '../../contract/idCard';
import { isValidMobile } from '../../contract/phone';
import type { RosterColumn } from '../../contract/roster';
import type { RosterFacts } from '../_lib/retirees';
import { type Cell, cellText, parseDate } from '../_lib/tableFile';

/**
 * One roster row: read the cells (text, numbers or dates, as CSV and Excel give them),
 * check them, and either return the record or every problem found, in words staff can act
 * on. Pure: no I/O, `today` passed in.
 */
export type { Cell } from '../_lib/tableFile';
export { parseDate };
export type RawRow = Partial<Record<RosterColumn, Cell>>;

/** A valid row: the facts the roster keeps about a person. */
export type RosterRecord = RosterFacts;

export interface RowProblem {
  column: RosterColumn | '整行';
  problem: string;
}

export type RowResult = { ok: true; record: RosterRecord } | { ok: false; problems: RowProblem[] };

const NAME = /^[\u4e00-\u9fa5·A-Za-z ]{2,20}$/;
const STREET_SET = new Set<string>(STREETS);

const text = cellText;

function yesNo(cell: Cell): boolean | null {
  if (typeof cell === 'boolean') return cell;
  const s = text(cell);
  if (s === '' || s === '否' || s === '0' || /^(n|no|false)$/i.test(s)) return false;
  if (s === '是' || s === '1' || /^(y|yes|true)$/i.test(s)) return true;
  return null;
}

export function validateRow(raw: RawRow, today: string): RowResult {
  const problems: RowProblem[] = [];
  const add = (column: RowProblem['column'], problem: string) => problems.push({ column, problem });

  const name = text(raw.姓名);
  if (!name) add('姓名', '没有填写姓名');
  else if (!NAME.test(name)) add('姓名', '姓名只能是2到20个汉字或字母');

  let idNumber = '';
  const idCell = raw.身份证号;
  if (typeof idCell === 'number') {
    add('身份证号', '身份证号被 Excel 当成了数字，后几位已经丢失；请把这一列设为"文本"后重新填写');
  } else {
    idNumber = text(idCell).toUpperCase();
    const problem = idNumberProblem(idNumber, today);
    if (problem) add('身份证号', problem);
  }
  const idOk = idNumber !== '' && !problems.some((p) => p.column === '身份证号');

  const phoneText = typeof raw.手机号 === 'number' ? String(raw.手机号) : text(raw.手机号);
  if (phoneText && !isValidMobile(phoneText)) add('手机号', '手机号应为11位数字，以1开头');

  const sexText = text(raw.性别);
  const sex = sexText === '男' ? 'M' : sexText === '女' ? 'F' : null;
  if (!sex) add('性别', '性别请填"男"或"女"');
  else if (idOk && sexFromId(idNumber) !== sex) add('性别', '性别与身份证号不一致');

  const birthDate = parseDate(raw.出生日期);
  if (!birthDate) add('出生日期', '出生日期不对，请写成 1958-03-07 这样');
  else if (idOk && birthDateFromId(idNumber) !== birthDate) add('出生日期', '出生日期与身份证号不一致');

  const retirementDate = parseDate(raw.退休日期);
  if (!retirementDate) add('退休日期', '退休日期不对，请写成 2018-03-07 这样');
  else if (retirementDate > today) add('退休日期', '退休日期还没到，请核对');
  else if (birthDate && retirementDate <= birthDate) add('退休日期', '退休日期早于出生日期，请核对');

  const lastText = text(raw.最近认证日期);
  const lastCertifiedAt = lastText || raw.最近认证日期 instanceof Date ? parseDate(raw.最近认证日期) : null;
  if ((lastText || raw.最近认证日期 instanceof Date) && !lastCertifiedAt)
    add('最近认证日期', '最近认证日期不对，请写成 2025-03-07 这样，没有就空着');
  else if (lastCertifiedAt && lastCertifiedAt > today) add('最近认证日期', '最近认证日期在今天之后，请核对');

  const street = text(raw.街道);
  if (!street) add('街道', '没有填写街道');
  else if (!STREET_SET.has(street)) add('街道', `"${street}"不是本区的街道（本区有：${STREETS.join('、')}）`);

  const community = text(raw.社区);
  if (!community) add('社区', '没有填写社区');
  else if (community.length > 30) add('社区', '社区名称太长了');

  const abroad = yesNo(raw.境外居住);
  if (abroad === null) add('境外居住', '境外居住请填"是"或"否"');
  const nonMainlandId = yesNo(raw.非大陆证件);
  if (nonMainlandId === null) add('非大陆证件', '非大陆证件请填"是"或"否"');

  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    record: {
      name,
      idNumber,
      phone: phoneText || null,
      sex: sex as 'M' | 'F',
      birthDate: birthDate as string,
      retirementDate: retirementDate as string,
      lastCertifiedAt,
      street,
      community,
      abroad: abroad as boolean,
      nonMainlandId: nonMainlandId as boolean,
    },
  };
}
