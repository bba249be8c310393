import type { SearchDoc } from '../../cloudfunctions/_lib/search';
import { JUDGED_ANSWERS, JUDGED_NOTICES } from '../judged/policyJudged';
import { COMMUNITIES, prng, STREETS } from './data';

/**
 * A district-sized content collection for the policy-search benchmark, deterministic for
 * a seed: the judged answers and notices (bench/judged/policyJudged.ts) and, around them,
 * generated answers about the other services retirees ask the centre about (高龄津贴,
 * 公交爱心卡, 医保报销, 殡葬惠民, 日间照料…), district-wide or for one street or community,
 * and generated notices (classes, lectures, 认证集中服务日, canteen menus, festival payments,
 * closures, fraud warnings). The generated answers share the judged ones' vocabulary
 * (办理, 申请, 身份证, 补贴, 年检, 死亡, 午餐, 低保…), so they compete for the same words
 * without answering the judged questions: they are the distractors.
 */

interface Topic {
  name: string;
  category: string;
  facts: string[];
}

const TOPICS: Topic[] = [
  {
    name: '高龄津贴',
    category: '老年优待',
    facts: ['年满80周岁的老人按月领取高龄津贴', '百岁老人另外发放长寿补贴', '由户籍所在街道审核后发放到本人银行卡'],
  },
  {
    name: '老年人优待证',
    category: '老年优待',
    facts: ['65周岁以上的老人可以办理', '凭证免费游览公园和部分景区', '在社区服务站办理，带身份证和一寸照片当场出证'],
  },
  {
    name: '公交爱心卡',
    category: '老年优待',
    facts: ['70周岁以上老人免费乘坐公交', '60至69周岁老人乘车半价', '每年需要到公交卡服务网点年检一次，逾期暂停使用'],
  },
  {
    name: '老年大学',
    category: '文体活动',
    facts: ['每学期开设书法、绘画、声乐、摄影和智能手机课程', '每学期报名费100元', '在小程序报名，名额有限，先到先得'],
  },
  {
    name: '居家养老服务',
    category: '养老服务',
    facts: ['为失能、独居老人提供助洁、助浴、助医服务', '符合条件的由政府购买服务，免费享受', '由社区评估后派服务人员上门'],
  },
  {
    name: '家庭医生签约',
    category: '医疗保障',
    facts: ['签约后每年免费体检一次', '可以预约家庭医生上门看诊', '在社区卫生服务中心签约，带身份证和医保卡'],
  },
  {
    name: '医保报销',
    category: '医疗保障',
    facts: ['住院费用按比例报销，退休人员报销比例更高', '门诊费用在定点医院直接结算', '异地就医需要先办理备案'],
  },
  {
    name: '门诊慢特病',
    category: '医疗保障',
    facts: ['高血压、糖尿病等慢性病可以申请门诊慢特病待遇', '经医院鉴定后在医保系统登记', '登记后门诊用药按规定报销'],
  },
  {
    name: '长期护理保险',
    category: '医疗保障',
    facts: ['失能老人经评估可以享受护理服务', '按护理等级每月支付护理费用', '向医保经办机构提出申请，评估后确定等级'],
  },
  {
    name: '异地就医备案',
    category: '医疗保障',
    facts: ['长期在外地居住的退休人员可以办理异地就医备案', '备案后在当地定点医院直接结算', '可以在国家医保服务平台APP上办理'],
  },
  {
    name: '老年人意外伤害保险',
    category: '老年优待',
    facts: ['政府为70周岁以上老人统一投保意外伤害保险', '摔伤骨折等意外可以申请理赔', '理赔时带病历、发票和身份证'],
  },
  {
    name: '公办养老院入住',
    category: '养老服务',
    facts: ['公办养老院优先接收特困、失能和高龄老人', '每月费用按护理等级收取', '向户籍所在街道提出入住申请，排队轮候'],
  },
  { name: '日间照料中心', category: '养老服务', facts: ['白天托老，晚上回家', '提供午餐、午休和康复活动', '按月收费，困难老人减免'] },
  {
    name: '独居老人探访',
    category: '养老服务',
    facts: ['社区志愿者每周上门探访独居老人', '遇到突发情况及时联系家属', '家属可以在社区登记老人的情况'],
  },
  {
    name: '一键呼叫设备',
    category: '养老服务',
    facts: ['为独居、高龄老人免费安装一键呼叫设备', '按下按钮就能接通服务平台', '由社区统一登记安装'],
  },
  {
    name: '失能等级评估',
    category: '养老服务',
    facts: ['评估老人的日常生活能力和照护需要', '评估结果用于长期护理和养老服务补贴', '由第三方评估机构上门评估'],
  },
  {
    name: '计划生育特别扶助',
    category: '社会保障',
    facts: ['独生子女伤残或死亡的家庭，父母每月领取特别扶助金', '女方年满49周岁可以申请', '向户籍所在街道卫健部门申请'],
  },
  {
    name: '独生子女父母奖励',
    category: '社会保障',
    facts: ['独生子女父母退休时一次性发放奖励', '由原单位或街道发放', '需要提供独生子女父母光荣证'],
  },
  {
    name: '法律援助',
    category: '法律服务',
    facts: ['经济困难的老人可以申请免费法律援助', '赡养纠纷、遗嘱继承等都可以咨询', '到区法律援助中心或拨打12348'],
  },
  {
    name: '老年人免费体检',
    category: '医疗保障',
    facts: ['65周岁以上老人每年免费体检一次', '在社区卫生服务中心预约', '体检结果由家庭医生解读'],
  },
  {
    name: '疫苗接种',
    category: '医疗保障',
    facts: ['60岁以上老人可以免费接种流感疫苗', '在社区卫生服务中心预约接种', '接种时带身份证和医保卡'],
  },
  { name: '志愿服务积分', category: '文体活动', facts: ['参加志愿服务可以累计积分', '积分可以兑换生活用品和服务', '在小程序里查询积分'] },
  {
    name: '退休党员组织关系',
    category: '组织关系',
    facts: ['退休党员组织关系转到居住地社区党组织', '按时参加组织生活、交纳党费', '行动不便的可以送学上门'],
  },
  {
    name: '退休人员工会会员',
    category: '组织关系',
    facts: ['退休人员可以保留工会会员身份', '享受工会组织的慰问和活动', '由原单位工会或街道工会管理'],
  },
  {
    name: '文艺汇演报名',
    category: '文体活动',
    facts: ['每年举办两场退休人员文艺汇演', '合唱、舞蹈、戏曲、乐器节目都可以报名', '节目经过初选后参加正式演出'],
  },
  {
    name: '健康讲座',
    category: '文体活动',
    facts: ['今年举办健康讲座15场', '内容包括慢病管理、防跌倒、合理用药', '在小程序活动报名里报名'],
  },
  { name: '趣味运动会', category: '文体活动', facts: ['每年举办两届趣味运动会', '项目适合老年人，安全有趣', '以社区为单位组队报名'] },
  {
    name: '研学参观',
    category: '文体活动',
    facts: ['今年组织研学参观5次', '参观博物馆、科技馆和乡村振兴示范点', '报名时需要确认身体状况适合外出'],
  },
  {
    name: '住房公积金提取',
    category: '住房',
    facts: ['退休后可以一次性提取住房公积金余额', '带身份证和退休证明到公积金中心办理', '也可以在公积金APP上办理'],
  },
  {
    name: '公租房申请',
    category: '住房',
    facts: ['住房困难的低收入家庭可以申请公租房', '租金按市场价一定比例收取', '向户籍所在街道提交申请'],
  },
  {
    name: '水电费减免',
    category: '社会保障',
    facts: ['低保、特困家庭每月减免一定数量的水费和电费', '由街道统一报送名单', '减免直接在账单中扣除'],
  },
  {
    name: '殡葬惠民',
    category: '社会保障',
    facts: ['本市户籍居民死亡后，基本殡葬服务费用减免', '遗体接运、火化、骨灰寄存费用由政府承担', '到殡仪馆办理时出示死亡证明和户口簿'],
  },
  {
    name: '生态安葬补贴',
    category: '社会保障',
    facts: ['选择树葬、海葬等生态安葬的给予补贴', '补贴由民政部门一次性发放', '家属在安葬后三个月内申请'],
  },
  {
    name: '退役军人优待',
    category: '老年优待',
    facts: ['退役军人凭优待证享受乘车、游览等优待', '重点优抚对象每年发放节日慰问', '向街道退役军人服务站咨询'],
  },
  {
    name: '智能手机培训',
    category: '文体活动',
    facts: ['社区开设智能手机课，教老人用微信视频、扫码、挂号', '每期四节课，免费参加', '课堂上可以学会怎样在手机上办事'],
  },
  { name: '防范电信诈骗', category: '其他', facts: ['陌生电话要求转账一律不要相信', '不要把验证码告诉别人', '遇到可疑情况拨打96110咨询'] },
  {
    name: '老年助浴',
    category: '养老服务',
    facts: ['为失能、半失能老人提供上门助浴服务', '每次服务前评估身体状况', '符合条件的享受政府补贴'],
  },
  { name: '居住证办理', category: '住房', facts: ['在本区居住满半年可以办理居住证', '凭居住证享受本地部分公共服务', '到社区警务室办理'] },
  { name: '户口迁移', category: '其他', facts: ['投靠子女可以办理户口迁移', '需要提供亲属关系证明和房产证明', '到派出所户籍窗口办理'] },
  {
    name: '遗嘱公证',
    category: '法律服务',
    facts: ['老人可以到公证处办理遗嘱公证', '行动不便的可以预约上门公证', '70岁以上老人公证费用减免'],
  },
];

const ASPECTS: { title: (t: string) => string; lead: (t: string, place: string) => string }[] = [
  { title: (t) => `${t}怎么申请？`, lead: (t, p) => `${p}的${t}，按下面的办法申请。` },
  { title: (t) => `${t}需要带什么材料？`, lead: (t) => `办理${t}，请准备好本人身份证和户口簿。` },
  { title: (t) => `${t}在哪里办理？`, lead: (t, p) => `${t}在${p}服务站办理。` },
  { title: (t) => `${t}的标准是多少？`, lead: (t, p) => `${p}${t}的标准按照市里的规定执行。` },
  { title: (t) => `${t}什么时候开始？`, lead: (t) => `${t}全年都可以办理，不用等通知。` },
  { title: (t) => `哪些人可以享受${t}？`, lead: (t, p) => `户籍或常住在${p}、符合条件的老人都可以享受${t}。` },
  { title: (t) => `${t}多久能办好？`, lead: (t) => `${t}材料齐全的，一般5个工作日内办结。` },
  { title: (t) => `${t}可以请子女代办吗？`, lead: (t) => `${t}可以请子女代办，代办人带委托书和双方身份证。` },
  { title: (t) => `${t}的办理时间`, lead: (t, p) => `${p}${t}的办理时间为工作日上午8:30至12:00、下午2:30至5:30。` },
  { title: (t) => `${t}能在网上办吗？`, lead: (t) => `${t}可以在小程序里预约，也可以到窗口办理。` },
  { title: (t) => `${t}要收费吗？`, lead: (t) => `${t}不收取任何费用，请勿相信收费的说法。` },
  { title: (t) => `${t}今年有什么变化？`, lead: (t) => `今年${t}的办理流程进一步简化，材料减少了。` },
];

const GENERIC = [
  '办理时请带好本人身份证。',
  '不方便出门的，可以请子女代办，需要带委托书。',
  '有疑问可以打电话问所在社区。',
  '具体以当年公布的规定为准。',
  '办理结果会通过短信通知本人。',
  '也可以在小程序里预约，不用排队。',
  '行动不便的老人可以联系社区上门服务。',
  '请不要相信陌生人的电话，不要向任何人转账。',
  '节假日期间暂停办理，节后顺延。',
  '政策有调整的，社区会及时通知。',
  '同一件事只需要提交一次材料。',
  '办理过程中遇到问题，可以找窗口工作人员帮忙。',
];

const PLACES = ['本区', ...STREETS, ...COMMUNITIES];

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

function shuffled<T>(r: () => number, xs: T[]): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** `count` generated answers (distractors), ids `gen-a<i>`. */
export function generatedAnswers(seed: number, count: number): SearchDoc[] {
  const r = prng(seed);
  const combos: [Topic, number, string][] = [];
  for (const topic of TOPICS) for (let a = 0; a < ASPECTS.length; a++) for (const place of PLACES) combos.push([topic, a, place]);
  if (count > combos.length) throw new Error(`at most ${combos.length} generated answers`);
  return shuffled(r, combos)
    .slice(0, count)
    .map(([topic, a, place], i) => {
      const aspect = ASPECTS[a];
      const facts = shuffled(r, topic.facts).slice(0, 2 + Math.floor(r() * 2));
      const extra = shuffled(r, GENERIC).slice(0, 1 + Math.floor(r() * 3));
      const scoped = place === '本区' ? '' : `${place}：`;
      return {
        id: `gen-a${i}`,
        kind: 'answer' as const,
        category: topic.category,
        title: scoped + aspect.title(topic.name),
        body: [aspect.lead(topic.name, place), ...facts.map((f) => `${f}。`), ...extra].join(''),
      };
    });
}

const LECTURES = ['冬季防跌倒', '合理用药', '高血压的日常管理', '老年人营养', '预防电信诈骗', '智能手机使用', '中医养生', '防中暑'];
const VISITS = ['科技馆', '博物馆', '植物园', '乡村振兴示范点', '老字号工厂', '海洋馆'];
const DISHES = ['红烧肉', '清蒸鱼', '番茄炒蛋', '白菜豆腐', '土豆牛肉', '冬瓜排骨汤', '青椒肉丝', '卤鸭'];

function dateOf(r: () => number): string {
  return `${1 + Math.floor(r() * 12)}月${1 + Math.floor(r() * 28)}日`;
}

/** `count` generated notices, ids `gen-n<i>`. */
export function generatedNotices(seed: number, count: number): SearchDoc[] {
  const r = prng(seed ^ 0x5bd1e995);
  const kinds: ((i: number) => Omit<SearchDoc, 'id' | 'kind'>)[] = [
    () => {
      const c = pick(r, COMMUNITIES);
      const d = dateOf(r);
      return {
        category: '资格认证',
        title: `${c}资格认证集中服务日（${d}）`,
        body: `${d}上午9:00至11:30，工作人员在${c}服务站集中办理养老金领取资格认证，不会用手机的老人可以现场刷脸认证。请带好身份证。`,
      };
    },
    () => {
      const c = pick(r, COMMUNITIES);
      const d = dateOf(r);
      return {
        category: '其他',
        title: `${c}太极拳公益课${d}上课通知`,
        body: `${d}上午8:30，${c}太极拳公益课照常上课，地点在${c}广场，雨天改在活动室。欢迎新学员在小程序报名。`,
      };
    },
    () => {
      const topic = pick(r, LECTURES);
      const d = dateOf(r);
      const s = pick(r, STREETS);
      return {
        category: '其他',
        title: `健康讲座：${topic}（${s}）`,
        body: `${d}下午2:30在${s}社区卫生服务中心举办健康讲座，主题是${topic}，名额60人，请在小程序活动报名。`,
      };
    },
    () => {
      const c = pick(r, COMMUNITIES);
      const dishes = shuffled(r, DISHES).slice(0, 4).join('、');
      return {
        category: '助餐',
        title: `${c}长者食堂下周菜单`,
        body: `${c}长者食堂下周供应：${dishes}。午餐11:00开始，晚餐5:00开始，刷身份证就餐。`,
      };
    },
    () => {
      const c = pick(r, COMMUNITIES);
      const d = dateOf(r);
      return {
        category: '助餐',
        title: `${c}长者食堂${d}暂停营业`,
        body: `因设备检修，${c}长者食堂${d}暂停营业一天，请到附近的助餐点就餐，给您带来不便敬请谅解。`,
      };
    },
    () => {
      const year = 2018 + Math.floor(r() * 8);
      const fest = r() < 0.5 ? '春节' : '重阳节';
      return {
        category: '慰问金',
        title: `${year}年${fest}慰问活动回顾`,
        body: `${year}年${fest}期间，各社区走访慰问了高龄、独居和困难退休人员，送去节日问候。`,
      };
    },
    () => {
      const s = pick(r, STREETS);
      const d = dateOf(r);
      return { category: '其他', title: `${s}${d}停水通知`, body: `因管道维修，${s}部分小区${d}上午8:00至下午6:00停水，请提前储水。` };
    },
    () => {
      const d = dateOf(r);
      return {
        category: '其他',
        title: `小程序${d}夜间维护`,
        body: `${d}晚上11:00至次日凌晨2:00系统维护，期间暂停在线服务，给您带来不便敬请谅解。`,
      };
    },
    () => {
      const v = pick(r, VISITS);
      const d = dateOf(r);
      return {
        category: '其他',
        title: `研学参观：${v}（${d}）`,
        body: `${d}组织退休人员参观${v}，早上8:00在区政务服务中心门口集合，名额40人，请在小程序报名。`,
      };
    },
    () => {
      const s = pick(r, STREETS);
      return {
        category: '其他',
        title: `${s}趣味运动会报名开始`,
        body: `${s}趣味运动会设有套圈、投篮、夹弹珠等项目，以社区为单位报名，每队8人。`,
      };
    },
    () => {
      const d = dateOf(r);
      return {
        category: '其他',
        title: `寒潮天气提醒（${d}）`,
        body: `${d}起有寒潮，气温明显下降，请老人注意保暖，减少外出，出门注意防滑。`,
      };
    },
    () => {
      const c = pick(r, COMMUNITIES);
      return {
        category: '其他',
        title: `${c}智能手机课招生`,
        body: `${c}开设智能手机课，教老人用微信视频、扫码付款、在手机上挂号，每期四节课，免费参加。`,
      };
    },
  ];
  return Array.from({ length: count }, (_, i) => ({ id: `gen-n${i}`, kind: 'notice' as const, ...pick(r, kinds)(i) }));
}

/** The benchmark's collection: the judged documents first, then generated ones up to the sizes asked for. */
export function policyCorpus(seed: number, answers: number, notices: number): SearchDoc[] {
  return [
    ...JUDGED_ANSWERS,
    ...generatedAnswers(seed, answers - JUDGED_ANSWERS.length),
    ...JUDGED_NOTICES,
    ...generatedNotices(seed, notices - JUDGED_NOTICES.length),
  ];
}
