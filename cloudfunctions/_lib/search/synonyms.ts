/**
 * Words that mean the same thing to the people who search here. Plain data, reviewed by
 * the centre's staff, not learnt. Two kinds:
 *
 * - SYNONYM_GROUPS: every word of a group finds the others (年审 finds 资格认证 and the reverse).
 *   The first word of a group is the one the centre's own answers use.
 * - COLLOQUIAL_HINTS: one way only, from how people say it to the centre's words ("吃饭补贴"
 *   should find 助餐, but an answer about 助餐 should not come up for every "吃饭").
 *
 * Categories from the sources: certification, pension payments, condolence payments,
 * archives, meal assistance, social assistance (低保/特困), resident pension insurance,
 * disability services. Every word here is also kept whole by the segmenter (lexicon.ts).
 */
export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  // certification
  ['资格认证', '年审', '生存认证', '待遇认证', '领取资格认证', '待遇资格认证', '养老认证', '年检', '生存验证'],
  ['人脸识别', '刷脸', '人脸认证', '刷脸认证', '人脸核身', '脸部识别'],
  ['上门认证', '入户认证', '上门服务'],
  ['现场认证', '窗口认证', '到现场'],
  ['大数据比对', '数据比对', '零打扰', '静默认证'],
  ['亲情服务', '帮父母认证', '代人认证', '子女代办', '帮老人认证'],
  ['境外', '国外', '海外', '出国'],
  ['中国领事', '领事馆', '大使馆'],
  // pension payments
  ['养老金', '退休金', '退休工资', '退休费', '养老钱', '养老待遇', '基本养老金', '待遇'],
  ['暂停发放', '停发', '停了', '断发'],
  ['恢复发放', '补发', '续发'],
  ['调整', '上调', '涨', '涨工资'],
  ['到账', '到帐', '发钱', '发放时间'],
  // condolence payments
  ['丧葬费', '丧葬补助金', '抚恤金', '慰问金', '一次性抚恤金', '丧葬补助'],
  ['去世', '过世', '离世', '死亡', '病故', '身故', '走了', '老了人'],
  ['住院慰问', '住院补助', '生病慰问'],
  ['困难慰问', '困难补助', '帮扶'],
  ['重阳节', '九九重阳', '老人节', '重阳'],
  ['春节', '过年', '年节'],
  // archives
  ['档案', '人事档案', '个人档案', '退休档案'],
  ['查档', '档案查询', '查档案', '调档', '借阅档案'],
  ['数字化档案', '电子档案'],
  // meal assistance
  ['助餐', '老年助餐', '助餐服务', '老人吃饭'],
  ['长者食堂', '老年食堂', '社区食堂', '老人食堂', '助餐点', '幸福食堂'],
  ['助餐补贴', '餐补', '饭补', '吃饭补贴', '就餐补贴'],
  ['一荤两素', '一荤二素', '套餐'],
  // social assistance
  ['低保', '最低生活保障', '低保金', '低保户'],
  ['特困', '特困供养', '特困人员', '五保', '五保户', '特困救助'],
  ['临时救助', '急难救助', '应急救助'],
  ['社会救助', '救助', '困难群众'],
  ['高龄津贴', '高龄补贴', '老年津贴', '百岁老人补贴'],
  // resident pension insurance
  ['城乡居民养老保险', '居民养老保险', '新农保', '城居保', '农村养老保险', '居民养老', '城乡居保'],
  ['缴费档次', '交费档次', '缴费标准', '交多少'],
  ['缴费', '交费', '交钱', '续费'],
  // disability services
  ['残疾', '残障', '伤残'],
  ['残疾人证', '残疾证', '残联证'],
  ['辅助器具', '辅具', '轮椅', '助听器'],
  ['无障碍', '无障碍改造', '适老化改造'],
  ['两项补贴', '残疾人两项补贴', '护理补贴', '生活补贴'],
  // people and places
  ['子女', '儿女', '孩子', '家属', '亲属', '家人'],
  ['退服中心', '退休人员服务中心', '服务中心', '社保所'],
  ['电话', '热线', '咨询电话', '联系电话'],
  ['社保卡', '社会保障卡'],
  ['医保', '医疗保险'],
];

/** From how people say it to the centre's words; one way only. */
export const COLLOQUIAL_HINTS: Readonly<Record<string, readonly string[]>> = {
  吃饭: ['助餐', '长者食堂'],
  饭钱: ['助餐补贴'],
  食堂: ['长者食堂'],
  我妈: ['家属'],
  我爸: ['家属'],
  父母: ['家属'],
  老伴: ['家属', '遗属'],
  去世: ['丧葬费', '抚恤金'],
  一个月: ['每月'],
  每年: ['一年', '十二个月'],
  一年: ['十二个月'],
  多久: ['十二个月'],
  手机: ['微信', '小程序'],
  手机上: ['微信', '小程序'],
  不会用: ['现场认证', '上门认证'],
  走不动: ['上门认证', '行动不便'],
  瘫痪: ['上门认证', '行动不便'],
  卧床: ['上门认证', '行动不便'],
  行动不便: ['上门认证'],
  没发: ['暂停发放', '停发'],
  没到账: ['暂停发放', '停发'],
  停了: ['暂停发放', '恢复发放'],
  看病: ['医疗'],
  住院: ['住院慰问'],
  生病: ['住院慰问'],
  没钱: ['困难慰问', '临时救助'],
  困难: ['困难慰问', '社会救助'],
  穷: ['低保'],
  没收入: ['低保'],
  孤寡: ['特困'],
  无儿无女: ['特困'],
  农村: ['城乡居民养老保险'],
  农民: ['城乡居民养老保险'],
  没工作: ['城乡居民养老保险'],
  腿脚: ['残疾'],
  看不见: ['残疾', '视力'],
  听不见: ['残疾', '助听器'],
  退休证: ['档案'],
  工龄: ['档案'],
  出生日期: ['档案'],
  外地: ['异地'],
  在国外: ['境外'],
  打电话: ['电话'],
};

/**
 * Question words, and what an answer to such a question usually contains ("在哪里" →
 * 窗口, 地址). They only add to a score (an answer that has them ranks a little higher);
 * a question word is never a concept the answer must have.
 */
export const QUESTION_HINTS: Readonly<Record<string, readonly string[]>> = {
  在哪: ['窗口', '地址', '现场'],
  哪里: ['窗口', '地址', '现场'],
  哪儿: ['窗口', '地址', '现场'],
  多少钱: ['标准', '每人每月', '元'],
  领多少: ['标准', '每人每月', '元'],
  多少: ['标准', '元'],
  几块钱: ['元', '补贴'],
  什么时候: ['时间', '每月', '之前'],
  啥时候: ['时间', '每月', '之前'],
  几号: ['每月', '时间'],
  怎么办: ['办理', '申请'],
  怎么弄: ['办理', '申请'],
  怎么做: ['办理', '申请'],
  怎么领: ['领取', '申请'],
  带什么: ['材料', '身份证'],
  要什么: ['材料', '身份证'],
};
