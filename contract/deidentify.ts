import { maskIdNumber } from './idCard';
import { maskPhone } from './phone';

/**
 * De-identifying a question someone asked before it becomes a public policy answer: ID numbers
 * (and any other long number: bank cards, social-security numbers) and mobile numbers are masked
 * the way the rest of the app masks them (`maskIdNumber`, `maskPhone`), and names are replaced
 * by 某某 — the names the server knows belong to the asker (their own, their elders'), a name
 * introduced as such (我叫…, 姓名：…), and a name right after a kinship word (我父亲林建平…). Landline numbers are left alone: the centre's own
 * number is one, and answers quote it. Staff still read the draft before publishing it.
 *
 * Pure functions: bundled into the mini-program as well as the functions.
 */

export const NAME_MASK = '某某';

/** 15 or more digits in a row (an ID number, a bank card), possibly ending in X, not part of a longer token. */
const LONG_NUMBER = /(^|[^0-9A-Za-z])(\d{14,}[\dXx])(?![0-9A-Za-z])/g;
/** A mainland mobile, written whole or in groups (138 1234 5678, 138-1234-5678). */
const MOBILE = /(^|[^0-9A-Za-z])(1[3-9]\d[ -]?\d{4}[ -]?\d{4})(?![0-9A-Za-z])/g;
/**
 * A name introduced as a name: 我叫张三, 名叫…, 姓名：…, 名字是…. Two or three Chinese characters
 * are taken: "我叫张三今年…" loses a character of the sentence rather than leave a name half shown.
 */
const INTRODUCED_NAME = /(我叫|名叫|姓名[:：是为]?\s*|名字[叫是]\s*)([\u4e00-\u9fa5]{2,3})/g;

/** ID numbers (and other long numbers) and mobile numbers masked; nothing else changed. */
export function maskNumbers(text: string): string {
  // No look-behind: some WeChat JavaScript engines do not have it; the character before is kept instead.
  return text
    .replace(LONG_NUMBER, (_m, before: string, n: string) => before + maskIdNumber(n))
    .replace(MOBILE, (_m, before: string, n: string) => before + maskPhone(n.replace(/[ -]/g, '')));
}

/** The commoner Chinese surnames (百家姓, the ~130 that cover most people), to tell a name after a kinship word. */
const COMMON_SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤洪庄柯施颜康骆伍涂欧阳连纪温';
/**
 * A name right after a kinship word (我父亲林建平的…, 老伴张三今年…), when it starts with a common
 * surname and is followed by what usually follows a name. Unknown to the server, so found by shape.
 */
const KIN_NAME = new RegExp(
  `(父亲|母亲|爸爸|妈妈|老伴|爱人|丈夫|妻子|老公|老婆|儿子|女儿|公公|婆婆|岳父|岳母|哥哥|姐姐|弟弟|妹妹)([${COMMON_SURNAMES}][\u4e00-\u9fa5]{1,2}?)(?=的|，|。|、|,|s|今年|去年|已经|在|于|是|患|因|生前|退休|$)`,
  'g',
);

export function deidentify(text: string, knownNames: readonly string[] = []): string {
  let out = maskNumbers(text);
  // Longest first, so 张三丰 is masked before 张三 could leave a 丰 behind.
  const names = [...new Set(knownNames.map((n) => n.trim()).filter((n) => n.length >= 2))].sort((a, b) => b.length - a.length);
  for (const name of names) out = out.split(name).join(NAME_MASK);
  out = out.replace(INTRODUCED_NAME, (m, lead: string, name: string) => (name.startsWith(NAME_MASK) ? m : `${lead}${NAME_MASK}`));
  out = out.replace(KIN_NAME, (_m, kin: string) => `${kin}${NAME_MASK}`);
  return out;
}
