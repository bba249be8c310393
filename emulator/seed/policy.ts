import { cleanRichText } from '../../cloudfunctions/_lib/richText';
import type { AnswerDoc } from '../../cloudfunctions/content/answerStore';
import type { PolicyCategory, PolicySource } from '../../contract/policy';
import { addDays } from '../../contract/recurrence';
import { DEFAULT_TODAY } from './generate';

/**
 * Demo policy answers (政策问答): two or more per category, written in plain words from the
 * figures in the sources (docs/DOMAIN.md): the 12-month certification rule and its channels,
 * suspension and back pay, the 150-yuan festival payments, 6,902 hardship and bereavement
 * payments, digitised archives, 3 and 6 yuan per meal against an 11–13 yuan set meal, 低保 1,045
 * and 特困 1,568 yuan a month, the 582 problems of the disability survey. Bodies are plain text or
 * simple rich text (paragraphs, lists, bold), as staff would write them in the console.
 *
 * No article numbers are given where the sources give none; staff add them from the documents.
 */
export interface DemoPolicyAnswer {
  key: string;
  category: PolicyCategory;
  question: string;
  answer: string;
  source: PolicySource | null;
  keywords: string[];
  /** Days before the demo's today that it was published. */
  publishedDaysAgo: number;
  effectiveFrom?: string;
  related?: string[];
}

const REGULATION: PolicySource = { document: '《社会保险经办条例》（2023年）', article: null };

export const DEMO_POLICY_ANSWERS: DemoPolicyAnswer[] = [
  // ---- 资格认证 ----
  {
    key: 'cert-how-often',
    category: '资格认证',
    question: '养老金领取资格认证多久要做一次？',
    answer:
      '<p>两次认证之间<strong>不要超过12个月</strong>。一年里什么时候认证都可以，不用等通知。</p>' +
      '<p>大多数人不用自己做任何事：我们通过大数据比对（看病结算、住院、乘车刷卡、社保卡使用等记录）确认您的领取资格，这叫“零打扰”认证。本区这一轮有23087人就是这样认证的，占应认证人数的63.18%。</p>' +
      '<p>打开小程序首页就能看到自己是否已经认证、下次什么时候到期。</p>',
    source: REGULATION,
    keywords: ['年审', '生存认证', '认证周期', '12个月', '零打扰', '大数据比对'],
    publishedDaysAgo: 300,
    related: ['cert-no-smartphone', 'pension-suspended'],
  },
  {
    key: 'cert-no-smartphone',
    category: '资格认证',
    question: '我不会用智能手机，怎么做资格认证？',
    answer:
      '<p>不会用手机也能认证，有三个办法：</p>' +
      '<ol><li>请子女帮忙：子女在他们自己的微信里打开本小程序，选“家人帮办”，帮您刷脸认证。刷的必须是<strong>您本人的脸</strong>。</li>' +
      '<li>到所在街道或社区现场认证，带上身份证。</li>' +
      '<li>行动不便的，告诉社区，我们安排工作人员上门认证。</li></ol>',
    source: null,
    keywords: ['不会用手机', '子女帮忙', '家人帮办', '现场认证', '上门认证', '刷脸'],
    publishedDaysAgo: 300,
    related: ['cert-how-often', 'cert-abroad'],
  },
  {
    key: 'cert-abroad',
    category: '资格认证',
    question: '住在国外或者用港澳台证件，怎么认证？',
    answer:
      '住在境外，或者持港澳台、外国证件的，不能用微信刷脸认证。\n' +
      '可以用手机下载“中国领事”App，在里面办理养老金领取资格认证；也可以联系退服中心，办理纸质认证。\n' +
      '认证办好以前，请留意两次认证之间不要超过12个月。',
    source: null,
    keywords: ['境外', '出国', '中国领事', '港澳台', '外国证件', '纸质认证'],
    publishedDaysAgo: 280,
  },
  // ---- 养老金发放 ----
  {
    key: 'pension-suspended',
    category: '养老金发放',
    question: '养老金为什么暂停发放了？还能补发吗？',
    answer:
      '<p>超过12个月没有完成资格认证，养老金会<strong>暂停发放</strong>。</p>' +
      '<p>补上认证以后，会<strong>恢复发放</strong>，暂停那几个月的钱会一起补发，不会少。</p>' +
      '<p>请尽快用小程序刷脸认证，或请子女帮忙、到社区现场认证。不清楚自己为什么被暂停的，请拨打中心电话问一问。</p>',
    source: REGULATION,
    keywords: ['停发', '暂停', '补发', '恢复发放', '退休金', '待遇'],
    publishedDaysAgo: 250,
    related: ['cert-how-often'],
  },
  {
    key: 'pension-death-report',
    category: '养老金发放',
    question: '退休人员去世了，家属要做什么？',
    answer:
      '请家属在<strong>20个工作日内</strong>告诉所在社区或退服中心，停发养老金。多领的养老金以后要退回，及时告知可以省去很多麻烦。\n' +
      '家属可以同时申请丧葬补助和慰问金，工作人员会告诉您要带哪些材料。',
    source: REGULATION,
    keywords: ['去世', '死亡', '停发', '20个工作日', '家属'],
    publishedDaysAgo: 200,
    related: ['condolence-hardship'],
  },
  {
    key: 'pension-when',
    category: '养老金发放',
    question: '每个月的养老金发到哪里？',
    answer:
      '养老金每月发到您领取养老金的银行账户（一般是社保卡的金融账户）。\n' +
      '节日慰问金也发到这个账户。账户要变更的，请带身份证和新的银行卡到社区办理。',
    source: null,
    keywords: ['退休金', '工资', '社保卡', '银行卡', '到账'],
    publishedDaysAgo: 180,
  },
  // ---- 丧葬抚恤和慰问金 ----
  {
    key: 'condolence-festival',
    category: '丧葬抚恤和慰问金',
    question: '春节和重阳节的慰问金发多少？',
    answer:
      '纳入社会化管理服务的退休人员，春节和重阳节各发一次慰问金，每次每人150元，发到领取养老金的银行账户，同时会收到一条祝福短信。\n' +
      '不用申请，也不用去排队。',
    source: null,
    keywords: ['过节费', '慰问金', '150元', '重阳节', '春节'],
    publishedDaysAgo: 40,
  },
  {
    key: 'condolence-hardship',
    category: '丧葬抚恤和慰问金',
    question: '住院或者家里困难，可以申请慰问吗？',
    answer:
      '<p>可以。住院、生活特别困难，或者家人去世的退休人员，可以向所在社区申请慰问。</p>' +
      '<p>今年到11月底，全区已发放住院、困难、去世慰问6902人次；今年各项慰问一共发放了1265.4万元。</p>' +
      '<p>申请时带上身份证；住院的带上住院证明或出院小结。</p>',
    source: null,
    keywords: ['困难慰问', '住院慰问', '丧葬费', '抚恤', '去世慰问'],
    publishedDaysAgo: 40,
    related: ['pension-death-report', 'aid-dibao'],
  },
  // ---- 档案 ----
  {
    key: 'archive-lookup',
    category: '档案',
    question: '怎样查阅自己的人事档案？',
    answer:
      '退休人员的人事档案已经做成电子档案，查档案做到“马上办、就近办、网上办”。\n' +
      '本人带身份证到街道便民服务中心或退服中心窗口就能查；也可以先打中心电话，说明要查什么，工作人员帮您准备好。',
    source: null,
    keywords: ['查档', '人事档案', '电子档案', '马上办', '网上办'],
    publishedDaysAgo: 150,
  },
  {
    key: 'archive-proxy',
    category: '档案',
    question: '子女可以替我去查档案吗？',
    answer:
      '可以。请子女带上您写的委托书、您的身份证和子女本人的身份证，到窗口办理。\n' +
      '档案里有个人信息，没有委托书的不能代查，这是为了保护您。',
    source: null,
    keywords: ['代查', '委托', '子女', '查档'],
    publishedDaysAgo: 150,
    related: ['archive-lookup'],
  },
  // ---- 老年助餐 ----
  {
    key: 'meal-subsidy',
    category: '老年助餐',
    question: '老年助餐每餐补贴多少钱？',
    answer:
      '<p>在助老餐厅吃<strong>午餐、晚餐</strong>，可以享受就餐补贴：</p>' +
      '<ul><li>60至69岁：每餐补贴3元</li><li>70岁及以上：每餐补贴6元</li></ul>' +
      '<p>第一次去就餐请带上身份证。</p>',
    source: null,
    keywords: ['吃饭', '食堂', '老年食堂', '饭补', '3元', '6元', '助老餐厅'],
    publishedDaysAgo: 60,
    related: ['meal-price'],
  },
  {
    key: 'meal-price',
    category: '老年助餐',
    question: '助老餐厅的饭多少钱？自己要出多少？',
    answer:
      '助老餐厅的套餐是“一荤两素加主食”，指导价11至13元。\n' +
      '扣掉补贴，60至69岁的每餐自己出8至10元，70岁及以上的每餐自己出5至7元。\n' +
      '离您最近的助老餐厅在哪里，可以问所在社区。',
    source: null,
    keywords: ['套餐', '一荤两素', '价格', '多少钱', '食堂'],
    publishedDaysAgo: 60,
    related: ['meal-subsidy'],
  },
  // ---- 社会救助（低保/特困） ----
  {
    key: 'aid-dibao',
    category: '社会救助（低保/特困）',
    question: '低保标准是多少？怎么申请？',
    answer:
      '<p>城乡最低生活保障（低保）标准是<strong>每人每月1045元</strong>。</p>' +
      '<p>家里每人每月的收入低于这个标准、生活有困难的，可以到街道便民服务中心或社区申请，工作人员会告诉您要带哪些材料。不方便出门的，可以请社区干部上门了解情况。</p>',
    source: null,
    keywords: ['最低生活保障', '低保金', '1045元', '救助', '困难'],
    publishedDaysAgo: 150,
    effectiveFrom: '2026-01-01',
    related: ['aid-tekun'],
  },
  {
    key: 'aid-tekun',
    category: '社会救助（低保/特困）',
    question: '特困人员每月能领多少？',
    answer:
      '城乡特困人员基本生活标准是每人每月1568元。\n' +
      '特困人员一般是没有劳动能力、没有生活来源、也没有法定赡养人的老人、残疾人和未成年人。觉得自己或身边的人符合条件的，请告诉社区。',
    source: null,
    keywords: ['特困供养', '五保', '1568元', '救助'],
    publishedDaysAgo: 150,
    effectiveFrom: '2026-01-01',
    related: ['aid-dibao'],
  },
  // ---- 城乡居民养老保险 ----
  {
    key: 'resident-cert',
    category: '城乡居民养老保险',
    question: '领城乡居民养老保险的，也要做资格认证吗？',
    answer:
      '要。领取城乡居民养老保险待遇的人，和领取职工养老金的一样，两次认证之间不要超过12个月。\n' +
      '认证的办法也一样：大数据比对自动认证、在小程序里刷脸、请子女帮忙刷脸、到社区现场认证，或者请工作人员上门。',
    source: REGULATION,
    keywords: ['居民养老', '城乡居民', '农保', '认证', '年审'],
    publishedDaysAgo: 120,
    related: ['cert-how-often'],
  },
  {
    key: 'resident-where',
    category: '城乡居民养老保险',
    question: '城乡居民养老保险的事去哪里办？',
    answer:
      '参保、缴费档次、待遇领取这些事，到户籍所在的街道便民服务中心或社区办理，带上身份证和户口本。\n' +
      '不清楚要带什么的，先打中心电话问一问，免得白跑。',
    source: null,
    keywords: ['居民养老', '参保', '缴费', '农保', '办理地点'],
    publishedDaysAgo: 120,
  },
  // ---- 残疾人服务 ----
  {
    key: 'disability-needs',
    category: '残疾人服务',
    question: '残疾人有困难，向谁反映？',
    answer:
      '<p>可以向所在社区反映，也可以在小程序里“提问”，写下遇到的困难。</p>' +
      '<p>区里做过一次残疾人需求调查，收集到582个问题，已经解决532个，还有50个正在办。您反映的问题，社区会登记、跟进，并告诉您办理结果。</p>',
    source: null,
    keywords: ['残疾', '残联', '需求', '反映问题', '困难'],
    publishedDaysAgo: 90,
  },
  {
    key: 'disability-cert',
    category: '残疾人服务',
    question: '行动不便的残疾退休人员，怎么办认证和其他事？',
    answer:
      '行动不便的，可以请社区安排工作人员上门认证，不用出门。\n' +
      '也可以请子女在他们的手机上用“家人帮办”，帮您办认证、报名活动，刷脸时刷您本人的脸。',
    source: null,
    keywords: ['残疾', '行动不便', '上门', '卧床', '家人帮办'],
    publishedDaysAgo: 90,
    related: ['cert-no-smartphone'],
  },
];

export const demoAnswerId = (key: string) => `seed-answer-${key}`;

/** The demo answers as the content function stores them: published, cleaned, with their words for search. */
export function demoPolicyAnswerDocs(today = DEFAULT_TODAY): AnswerDoc[] {
  return DEMO_POLICY_ANSWERS.map((a) => {
    const cleaned = cleanRichText(a.answer);
    const at = new Date(`${addDays(today, -a.publishedDaysAgo)}T09:00:00+08:00`);
    return {
      _id: demoAnswerId(a.key),
      question: a.question,
      answer: cleaned.value,
      answerFormat: cleaned.format,
      answerText: cleaned.text,
      category: a.category,
      source: a.source,
      effectiveFrom: a.effectiveFrom ?? null,
      effectiveUntil: null,
      relatedIds: (a.related ?? []).map(demoAnswerId),
      keywords: a.keywords,
      requestKey: `seed:answer:${a.key}`,
      lastRequestKey: `seed:answer:${a.key}`,
      status: 'published',
      publishAt: null,
      publishedAt: at,
      version: 1,
      origin: 'staff',
      createdAt: at,
      createdBy: null,
      savedAt: at,
      updatedAt: at,
      updatedBy: null,
      updatedByName: null,
    };
  });
}
