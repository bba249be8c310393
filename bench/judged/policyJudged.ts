/**
 * The judged set for policy search: a fixed corpus of policy answers and notices written
 * plainly from ../shared/docs/DOMAIN.md (figures as the sources give them: 1,045 and 1,568
 * yuan, 3 and 6 yuan a meal, 150 yuan at Spring Festival and Double Ninth, 23,087 and
 * 63.18%, 582 / 532 / 50), and queries written the way retirees and their children type:
 * homophone typos, pinyin in full or by initials, mixed, colloquial names, whole questions.
 *
 * Each query lists the answers that answer it (`relevant`, the ones a staff member would
 * point to; at most three). `kind` says what the query tests. Queries with `heldOut: true`
 * were written after the engine's weights and synonym table were frozen, and were not
 * used to tune anything; the benchmark reports them apart.
 */

export type JudgedKind = 'typo' | 'pinyin' | 'initials' | 'mixed' | 'colloquial' | 'question' | 'plain' | 'width';

export interface JudgedDoc {
  id: string;
  kind: 'answer' | 'notice';
  category: string;
  title: string;
  body: string;
  keywords?: string[];
}

export interface JudgedQuery {
  q: string;
  relevant: string[];
  kind: JudgedKind;
  heldOut?: boolean;
}

export const POLICY_CATEGORIES = [
  '资格认证',
  '养老金发放',
  '慰问金',
  '档案',
  '助餐',
  '社会救助',
  '居民养老保险',
  '残疾人服务',
  '其他',
] as const;

const a = (id: string, category: string, title: string, body: string, keywords?: string[]): JudgedDoc => ({
  id,
  kind: 'answer',
  category,
  title,
  body,
  keywords,
});
const n = (id: string, category: string, title: string, body: string): JudgedDoc => ({ id, kind: 'notice', category, title, body });

export const JUDGED_ANSWERS: JudgedDoc[] = [
  // ---- certification -------------------------------------------------------------------
  a(
    'cert-what',
    '资格认证',
    '什么是养老保险待遇领取资格认证？',
    '领取养老金的退休人员，需要定期确认本人仍然符合领取条件，这就是待遇领取资格认证，过去也叫"年审"或"生存认证"。根据《社会保险经办条例》，社保经办机构先通过信息比对确认；比对确认不了的，由本人自助认证；两种方式都确认不了的，可以委托第三方核实。确认不再符合领取条件的，停止发放养老金。',
    ['年审', '生存认证'],
  ),
  a(
    'cert-cycle',
    '资格认证',
    '资格认证多久做一次？',
    '本区实行滚动认证：两次认证之间最长不超过12个月，一年中任何时候都可以认证，不用等通知，也不用集中排队。快到期前一个月，小程序会发提醒，社区也会电话告知。已经通过大数据比对认证的，本周期不用再做。',
  ),
  a(
    'cert-bigdata',
    '资格认证',
    '大数据比对认证是怎么回事？我需要做什么？',
    '退服中心把退休人员名单和其他部门的记录做比对：看病就医结算、住院、乘坐公交地铁、社保卡消费、民政和公安的记录等。能证明本人健在的，系统自动完成认证，本人什么都不用做，叫"零打扰"。本周期已有23,087人通过比对完成认证，占应认证人数的63.18%。在小程序里能看到"已于某日通过数据比对认证，无需操作"。',
  ),
  a(
    'cert-wechat',
    '资格认证',
    '怎样在微信上刷脸认证？',
    '打开微信里的"温馨退服"小程序，点首页的"去认证"，按提示把脸对准手机屏幕，眨眼、张嘴，系统会和身份证照片比对，通过后马上显示认证成功。全程只保存认证结果，不保存照片。光线要亮一些，摘掉帽子和墨镜。',
    ['人脸识别', '手机认证'],
  ),
  a(
    'cert-family',
    '资格认证',
    '子女可以用自己的手机帮父母认证吗？',
    '可以。这叫亲情服务：子女在自己的微信里打开小程序，先绑定父母，再点"帮父母认证"，让老人本人对着子女的手机刷脸。一个账号最多可以帮8位亲属认证。认证记录里会同时留下是谁操作的、刷的是谁的脸。',
  ),
  a(
    'cert-home',
    '资格认证',
    '行动不便、长期卧床的老人怎么认证？',
    '可以申请上门认证。家属联系所在社区或退服中心，说明老人的情况和住址，工作人员会约好时间上门办理。上门认证的记录会写明工作人员、地点和时间。',
  ),
  a(
    'cert-onsite',
    '资格认证',
    '不会用智能手机，可以到现场认证吗？',
    '可以。本人带上身份证，到区退服中心服务窗口或者所在社区服务站，工作人员现场帮您认证，几分钟就办好。窗口办理时间为工作日上午8:30至12:00，下午2:30至5:30。',
  ),
  a(
    'cert-overdue',
    '资格认证',
    '超过期限没认证会怎样？',
    '超过12个月没有认证的，养老金会暂停发放。之后只要补做认证，就会恢复发放，暂停期间没发的养老金会一次补发，不会少。所以不用着急，发现停发了尽快认证就行。',
  ),
  a(
    'cert-abroad',
    '资格认证',
    '在国外或港澳台居住的退休人员怎么认证？',
    '在境外居住、或者持有港澳台及外国证件的退休人员，用不了微信刷脸认证。可以下载"中国领事"APP，按提示办理养老金领取资格认证；也可以到当地中国驻外使领馆开具健在证明，寄回退服中心。',
  ),
  a(
    'cert-status',
    '资格认证',
    '怎么查自己今年认证过了没有？',
    '打开小程序首页就能看到：最近一次认证的日期、认证方式（数据比对、刷脸、现场或上门），以及下次最晚要在哪天之前认证。也可以打电话问所在社区或退服中心。',
  ),
  a(
    'cert-failed',
    '资格认证',
    '刷脸认证总是不通过怎么办？',
    '先检查：光线是否太暗、有没有戴帽子眼镜、网络是否稳定、身份证号是否填对。多试几次仍然不通过的，不要着急，可以到退服中心现场认证，行动不便的可以申请上门认证，结果一样有效。',
  ),
  a(
    'cert-death-report',
    '资格认证',
    '退休人员去世后，家属要办什么手续？',
    '家属应当在老人去世后20个工作日内，向社保经办机构或退服中心报告，停止发放养老金。晚报告多发的养老金需要退回。报告时可以一并申请丧葬补助金和抚恤金。',
  ),
  // ---- pension payments ------------------------------------------------------------------
  a(
    'pay-date',
    '养老金发放',
    '养老金每个月什么时候发？',
    '养老金按月发放，每月中旬前打到本人社保卡的金融账户（银行账户）里，具体到账时间以银行为准。遇到节假日可能提前或顺延一两天。',
  ),
  a(
    'pay-suspended',
    '养老金发放',
    '养老金突然停发了，是什么原因？',
    '最常见的原因是超过12个月没有做资格认证，系统自动暂停发放。也可能是信息比对有异常，或者银行账户有问题。可以先在小程序里查认证状态；补做认证后恢复发放，停发期间的钱会补发。',
  ),
  a(
    'pay-backpay',
    '养老金发放',
    '补做认证以后，停发的养老金能补回来吗？',
    '能。恢复发放时，暂停期间的养老金一次补发到账，没有时间上限，不会因为晚认证而少拿。',
  ),
  a(
    'pay-adjust',
    '养老金发放',
    '今年基本养老金调整了吗？涨了多少？',
    '基本养老金每年由国家统一调整，一般包括定额调整、挂钩调整和对高龄退休人员的倾斜。本市调整方案公布后，增加的部分从1月起算，之前没发的差额会一次补发。每个人涨多少不一样，可以在社保卡账户或12333查询。',
  ),
  a(
    'pay-bank-card',
    '养老金发放',
    '想换一张银行卡领养老金，怎么办？',
    '养老金发到社保卡的金融账户。需要换卡或者社保卡丢了，带身份证到社保经办窗口或合作银行网点办理补换卡，办好后养老金自动发到新卡，不用另外申请。',
  ),
  a(
    'pay-move',
    '养老金发放',
    '搬到外地跟子女住，养老金还照常发吗？',
    '照常发。异地居住不影响领取养老金，钱还是发到原来的社保卡账户。资格认证可以在微信上刷脸完成，不用回来。长期在外地的，最好把新的联系电话告诉社区。',
  ),
  a(
    'pay-overpaid',
    '养老金发放',
    '老人去世后多发的养老金要退回吗？',
    '要退回。退休人员去世后，从次月起停止发放养老金。家属没有及时报告、多领取的部分，需要退回社保基金；也可以从应领的丧葬补助金、抚恤金中扣回。',
  ),
  a(
    'pay-proof',
    '养老金发放',
    '怎么开养老金领取证明？',
    '办贷款、出国签证等需要养老金领取证明的，本人带身份证到退服中心服务窗口当场开具；也可以委托子女带双方身份证代办。',
  ),
  a(
    'pay-amount',
    '养老金发放',
    '我的养老金是怎么算出来的？',
    '职工基本养老金一般由基础养老金、个人账户养老金和过渡性养老金组成，和缴费年限、缴费基数、退休年龄有关。想看自己的明细，可以拨打12333，或到社保经办窗口打印。',
  ),
  // ---- condolence payments -----------------------------------------------------------------
  a(
    'care-festival',
    '慰问金',
    '春节和重阳节的慰问金有多少？',
    '每年春节、重阳节，退服中心向所有社会化管理的退休人员发放慰问金，每人每次150元，直接打到社保卡账户，不用申请。',
    ['节日慰问'],
  ),
  a(
    'care-hospital',
    '慰问金',
    '住院了可以申请慰问吗？',
    '可以。退休人员住院的，本人或家属向所在社区或退服中心报告，提供住院证明或出院小结，工作人员会上门或电话慰问，并按规定发放住院慰问金。今年到11月底，住院、困难、丧葬等慰问共6,902人次，全年各项慰问金1,265.4万元。',
  ),
  a(
    'care-hardship',
    '慰问金',
    '生活困难的退休人员能申请困难慰问吗？',
    '能。因大病、家庭变故等造成生活困难的退休人员，可以向所在社区提出困难慰问申请，社区走访核实后报退服中心，审核通过发放困难慰问金。生活特别困难的，还可以同时申请临时救助。',
  ),
  a(
    'care-funeral',
    '慰问金',
    '退休人员去世后，家属能领哪些钱？',
    '退休人员去世后，家属可以领取丧葬补助金和一次性抚恤金，标准按本市规定，由社保经办机构核定；退服中心另外发放丧葬慰问金。个人账户里的余额可以依法继承。领取人一般是配偶或子女。',
    ['丧葬费', '抚恤金'],
  ),
  a(
    'care-funeral-apply',
    '慰问金',
    '丧葬补助金和抚恤金怎么申请？要带什么材料？',
    '家属带上：死亡证明（或火化证明）、户口注销证明、去世老人的身份证和社保卡、领取人的身份证和银行卡，到退服中心或社保经办窗口申请。材料齐全的，一般20个工作日内发放到领取人账户。',
  ),
  a(
    'care-festival-date',
    '慰问金',
    '重阳节慰问金什么时候发？怎么领？',
    '重阳节慰问金在重阳节前发放，春节慰问金在春节前发放，都直接打到退休人员本人的社保卡账户，不用本人申请，也不用到现场领取。',
  ),
  a(
    'care-survivor',
    '慰问金',
    '老伴去世后，没有收入的遗属有补助吗？',
    '由去世退休人员生前供养、没有收入来源的配偶或直系亲属，可以按规定申请遗属生活困难补助。带上亲属关系证明和收入情况说明，到退服中心咨询办理。',
  ),
  // ---- archives ----------------------------------------------------------------------
  a(
    'arch-lookup',
    '档案',
    '怎么查自己的人事档案？',
    '退休人员人事档案已经数字化，做到"马上办、就近办、网上办"：可以在小程序里预约查询，也可以带身份证到退服中心档案室当场查阅，一般当天就能办好。',
  ),
  a(
    'arch-birthdate',
    '档案',
    '档案里的出生日期和身份证不一样怎么办？',
    '档案记载的出生日期和身份证不一致的，以最先记载的档案材料为准。需要更正的，本人带身份证、户口簿等材料到退服中心档案室咨询，工作人员会说明办理办法。',
  ),
  a(
    'arch-copy',
    '档案',
    '复印档案材料要带什么？',
    '本人带身份证即可。请别人代办的，代办人要带本人签字的委托书、本人和代办人的身份证。复印件加盖档案管理专用章后有效。',
  ),
  a(
    'arch-where',
    '档案',
    '退休以后我的档案放在哪里？',
    '退休人员实行社会化管理后，人事档案统一移交区退服中心保管，原单位不再保管。需要查阅、复印或开证明，都到退服中心档案室办理。',
  ),
  a(
    'arch-retire-card',
    '档案',
    '退休证丢了怎么补办？',
    '退休证丢失的，本人带身份证和一张一寸照片，到退服中心窗口申请补办。现在很多事情用社保卡和身份证就能办，不一定需要退休证。',
  ),
  a(
    'arch-worktime',
    '档案',
    '工龄从哪里能查到？怎么证明？',
    '工龄以人事档案里的招工、调动、工资等原始材料为准。需要工龄证明的，带身份证到退服中心档案室查阅档案，工作人员可以出具证明。',
  ),
  // ---- meal assistance -------------------------------------------------------------------
  a(
    'meal-subsidy',
    '助餐',
    '老年助餐补贴有多少？',
    '在长者食堂就餐，60至69岁的老人每餐补贴3元，70岁以上的老人每餐补贴6元。午餐和晚餐都可以享受补贴。',
    ['吃饭补贴'],
  ),
  a(
    'meal-where',
    '助餐',
    '长者食堂在哪里？怎么找？',
    '各街道都有长者食堂（老年助餐点），在小程序"助餐点"里能看到离您最近的几家，有地址和营业时间。也可以问所在社区。',
  ),
  a(
    'meal-price',
    '助餐',
    '长者食堂一顿饭多少钱？',
    '长者食堂一荤两素加主食的套餐，指导价是11至13元。扣掉补贴，60至69岁的老人每餐付8至10元，70岁以上付5至7元。',
  ),
  a(
    'meal-how',
    '助餐',
    '助餐补贴怎么领？要不要办卡？',
    '不用另外申请。在长者食堂结账时刷身份证或社保卡，系统按年龄自动减免补贴，当场少付钱。第一次去的时候，工作人员会帮您登记。',
  ),
  a(
    'meal-delivery',
    '助餐',
    '行动不便的老人可以送餐上门吗？',
    '可以。行动不便、独居的老人，可以向社区申请送餐上门，长者食堂按订餐送到家里，同样享受助餐补贴，送餐费另计。',
  ),
  a(
    'meal-nonlocal',
    '助餐',
    '外地户籍的老人能享受助餐补贴吗？',
    '常住本区的老人，凭居住证或社区证明登记后，同样可以在长者食堂就餐并享受补贴，具体以所在街道的规定为准。',
  ),
  // ---- social assistance -------------------------------------------------------------------
  a(
    'aid-dibao-standard',
    '社会救助',
    '低保标准是多少？',
    '本区城乡最低生活保障标准为每人每月1,045元。家庭人均月收入低于这个标准、财产符合规定的，可以申请低保，按差额发放低保金。',
  ),
  a(
    'aid-tekun-standard',
    '社会救助',
    '特困人员供养标准是多少？',
    '特困人员基本生活标准为每人每月1,568元，另外按生活自理能力发放照料护理补贴。可以选择在家分散供养，也可以到供养机构集中供养。',
  ),
  a(
    'aid-dibao-apply',
    '社会救助',
    '怎么申请低保？',
    '向户籍所在地的街道（乡镇）提出申请，填写申请表，提供身份证、户口簿、家庭收入和财产情况。街道会入户调查、核对经济状况，公示没有异议后批准，从批准的次月起发放低保金。',
  ),
  a(
    'aid-tekun-who',
    '社会救助',
    '哪些人可以认定为特困人员？',
    '无劳动能力、无生活来源，并且没有赡养、抚养、扶养义务人（或者义务人没有能力履行）的老年人、残疾人和未成年人，可以申请认定为特困人员，由政府供养。过去农村叫"五保户"。',
  ),
  a(
    'aid-temp',
    '社会救助',
    '家里突然遇到困难，可以申请临时救助吗？',
    '可以。因为火灾、交通事故、突发重病等，一时生活困难的家庭，可以向街道申请临时救助；情况紧急的，可以先救助、后补手续。',
  ),
  a(
    'aid-retiree-dibao',
    '社会救助',
    '有养老金的退休人员能申请低保吗？',
    '看家庭收入。养老金算作家庭收入，全家人均月收入低于每人每月1,045元、财产符合规定的，可以申请；高于标准的不能享受低保，但遇到急难可以申请临时救助。',
  ),
  // ---- resident pension insurance ----------------------------------------------------------------
  a(
    'rp-what',
    '居民养老保险',
    '城乡居民养老保险是什么？谁可以参加？',
    '城乡居民基本养老保险由过去的新农保和城镇居民养老保险合并而来。年满16周岁、不是在校学生、没有参加职工基本养老保险的城乡居民，都可以在户籍地参加。',
  ),
  a(
    'rp-levels',
    '居民养老保险',
    '居民养老保险一年交多少钱？',
    '居民养老保险按年缴费，设有多个缴费档次，由本人自选，档次越高，政府补贴越多，将来领的也越多。具体档次以当年公布的标准为准，可以在社区或社保所咨询。',
  ),
  a(
    'rp-receive',
    '居民养老保险',
    '居民养老保险什么时候可以领？',
    '年满60周岁、累计缴费满15年，并且没有领取其他基本养老保险待遇的，可以按月领取居民养老保险待遇。到龄前一个月，带身份证到社区或社保所办理领取手续。',
  ),
  a(
    'rp-transfer',
    '居民养老保险',
    '居民养老保险和职工养老保险能合并吗？',
    '可以办理转移衔接。参加过两种养老保险的，在申请领取待遇前，可以把居民养老保险转入职工养老保险，或者把职工养老保险转入居民养老保险，缴费年限按规定折算。',
  ),
  a(
    'rp-cert',
    '居民养老保险',
    '领居民养老保险的老人也要做资格认证吗？',
    '要。领取城乡居民养老保险待遇的老人，和职工一样，需要定期做领取资格认证，两次认证之间不超过12个月，可以在微信上刷脸，或者到社区认证。',
  ),
  a(
    'rp-death',
    '居民养老保险',
    '领居民养老保险的老人去世了，账户里的钱怎么办？',
    '领取居民养老保险待遇的老人去世后，个人账户里剩下的钱可以依法继承，家属带死亡证明、继承人身份证到社保所办理。同时要及时报告，停止发放待遇。',
  ),
  // ---- disability services -------------------------------------------------------------------
  a(
    'dis-card',
    '残疾人服务',
    '怎么办理残疾人证？',
    '本人或家属带身份证、户口簿和近期照片，向户籍所在地的街道残联提出申请，到指定医院做残疾评定，评定合格的由区残联发放残疾人证。',
  ),
  a(
    'dis-subsidy',
    '残疾人服务',
    '残疾人两项补贴是什么？',
    '两项补贴是困难残疾人生活补贴和重度残疾人护理补贴。低保家庭中的残疾人可以领生活补贴，残疾等级为一级、二级的重度残疾人可以领护理补贴，向街道申请。',
  ),
  a(
    'dis-aids',
    '残疾人服务',
    '残疾老人可以申请轮椅、助听器吗？',
    '持残疾人证的老人可以向街道残联申请辅助器具适配，轮椅、助听器、助行器等经过评估后免费或按比例补贴发放。',
  ),
  a(
    'dis-survey',
    '残疾人服务',
    '残疾人需求调查解决了哪些问题？',
    '今年开展残疾人需求入户调查，共收集问题582个，已经解决532个，还有50个正在办理。问题主要是辅助器具、无障碍出行、康复服务和就业。',
  ),
  a(
    'dis-barrier',
    '残疾人服务',
    '家里可以申请无障碍改造吗？',
    '家里有残疾人或者失能老人的困难家庭，可以向社区申请居家无障碍改造，比如安装扶手、消除门槛、改造卫生间，评估后由政府补贴。',
  ),
  // ---- other ---------------------------------------------------------------------------
  a(
    'gen-contact',
    '其他',
    '退服中心的电话和地址是多少？',
    '区退休人员服务中心服务窗口在区政务服务中心一楼，工作日上午8:30至12:00、下午2:30至5:30办公。咨询电话在小程序首页"联系我们"里，也可以拨打12345政务服务热线转接。',
  ),
  a(
    'gen-taichi',
    '其他',
    '太极拳公益课什么时候上？',
    '太极拳公益课已经坚持7年，每周一、周二、周四上午开课，每班20多人，常来的学员有200多人，累计2万多人次。在小程序"活动报名"里报名即可。',
  ),
  a(
    'gen-phone-change',
    '其他',
    '手机号换了，怎么改联系电话？',
    '在小程序"我的"里修改手机号，需要新手机号收验证码。不会操作的，可以带身份证到社区或退服中心窗口修改。联系电话请一定保持最新，认证提醒和通知都会发到这个号码。',
  ),
  a(
    'gen-fraud',
    '其他',
    '接到电话说要交钱才能继续领养老金，是真的吗？',
    '是诈骗。社保部门和退服中心从来不会打电话让您转账、交"认证费"或提供银行卡密码。资格认证是免费的。接到这类电话请挂断，并告诉家人或拨打110。',
  ),
];

export const JUDGED_NOTICES: JudgedDoc[] = [
  n(
    'n-double-ninth',
    '慰问金',
    '关于发放重阳节慰问金的通知',
    '各位退休人员：今年重阳节慰问金每人150元，将于重阳节前发放到本人社保卡账户，无需申请。如有疑问，请联系所在社区。',
  ),
  n(
    'n-cert-drive',
    '资格认证',
    '关于做好养老保险待遇领取资格认证工作的通知',
    '请认证即将到期的退休人员及时认证：可以在微信小程序刷脸认证，也可以到退服中心或社区现场认证；行动不便的，请家属联系社区预约上门认证。',
  ),
  n(
    'n-canteen-open',
    '助餐',
    '白鹭社区长者食堂开业啦',
    '白鹭社区长者食堂本周一开业，供应午餐和晚餐，一荤两素加主食指导价12元，60岁以上老人刷身份证享受助餐补贴。',
  ),
  n(
    'n-taichi-winter',
    '其他',
    '太极拳公益课冬季上课时间调整',
    '入冬以后，太极拳公益课上课时间由上午7:30调整为8:30，地点不变，仍为每周一、二、四。',
  ),
  n(
    'n-lecture',
    '其他',
    '健康讲座：冬季居家防跌倒',
    '11月26日下午2:30在社区卫生服务中心举办健康讲座，讲解冬季居家防跌倒，欢迎退休人员和家属报名参加。',
  ),
  n(
    'n-spring-hours',
    '其他',
    '春节期间服务窗口安排',
    '春节假期退服中心服务窗口暂停办公，节后第一个工作日恢复。假期内资格认证可在微信小程序办理。',
  ),
  n(
    'n-archive-online',
    '档案',
    '人事档案数字化查询服务上线',
    '退休人员人事档案数字化已经完成，现在可以在小程序预约档案查询，就近到社区服务站查看。',
  ),
  n(
    'n-pension-adjust',
    '养老金发放',
    '关于调整退休人员基本养老金的通知',
    '根据国家统一部署，今年继续调整退休人员基本养老金，调整增加的部分将于近期补发到位，请留意社保卡账户。',
  ),
  n(
    'n-disability-survey',
    '残疾人服务',
    '残疾人需求调查入户走访开始',
    '即日起，社区工作人员将入户走访残疾人家庭，了解辅助器具、康复、出行等方面的需求，请给予支持。',
  ),
  n(
    'n-fraud',
    '其他',
    '警惕冒充社保工作人员的诈骗电话',
    '近期有人冒充社保工作人员，以"养老金资格认证""养老金上调"为名要求转账。资格认证不收任何费用，请不要向陌生人转账。',
  ),
];

export const JUDGED_DOCS: JudgedDoc[] = [...JUDGED_ANSWERS, ...JUDGED_NOTICES];

const q = (query: string, relevant: string[], kind: JudgedKind): JudgedQuery => ({ q: query, relevant, kind });
const held = (query: string, relevant: string[], kind: JudgedKind): JudgedQuery => ({ q: query, relevant, kind, heldOut: true });

export const JUDGED_QUERIES: JudgedQuery[] = [
  // a wrong character (homophones, mostly)
  q('养老今什么时候发', ['pay-date'], 'typo'),
  q('年申怎么弄', ['cert-what', 'cert-wechat'], 'typo'),
  q('资格人证在哪里做', ['cert-onsite', 'cert-wechat'], 'typo'),
  q('低报标准', ['aid-dibao-standard'], 'typo'),
  q('特因供养', ['aid-tekun-standard', 'aid-tekun-who'], 'typo'),
  q('残急人证怎么办', ['dis-card'], 'typo'),
  q('扶恤金', ['care-funeral', 'care-funeral-apply'], 'typo'),
  q('丧藏费怎么领', ['care-funeral', 'care-funeral-apply'], 'typo'),
  q('助参补贴', ['meal-subsidy', 'meal-how'], 'typo'),
  q('长者食唐在哪', ['meal-where'], 'typo'),
  q('养老金停法了', ['pay-suspended'], 'typo'),
  q('档按查询', ['arch-lookup'], 'typo'),
  // pinyin in full
  q('nianshen', ['cert-what', 'cert-cycle'], 'pinyin'),
  q('dibao', ['aid-dibao-standard', 'aid-dibao-apply'], 'pinyin'),
  q('tekun', ['aid-tekun-standard', 'aid-tekun-who'], 'pinyin'),
  q('zhucan butie', ['meal-subsidy', 'meal-how'], 'pinyin'),
  q('canjirenzheng', ['dis-card'], 'pinyin'),
  q('dangan chaxun', ['arch-lookup'], 'pinyin'),
  q('shualian renzheng', ['cert-wechat'], 'pinyin'),
  q('chongyang weiwenjin', ['care-festival', 'care-festival-date'], 'pinyin'),
  // pinyin initials
  q('ns', ['cert-what', 'cert-cycle'], 'initials'),
  q('ylj', ['pay-date', 'pay-amount', 'pay-suspended'], 'initials'),
  q('zgrz', ['cert-what', 'cert-cycle', 'cert-wechat'], 'initials'),
  q('db', ['aid-dibao-standard', 'aid-dibao-apply'], 'initials'),
  q('zcbt', ['meal-subsidy', 'meal-how'], 'initials'),
  q('cjrz', ['dis-card'], 'initials'),
  q('szf', ['care-funeral', 'care-funeral-apply'], 'initials'),
  q('smrz', ['cert-home'], 'initials'),
  q('cxjmylbx', ['rp-what'], 'initials'),
  // mixed
  q('养老jin', ['pay-date', 'pay-amount', 'pay-suspended'], 'mixed'),
  q('低bao多少钱', ['aid-dibao-standard'], 'mixed'),
  q('助can补贴', ['meal-subsidy', 'meal-how'], 'mixed'),
  q('nianshen在哪做', ['cert-onsite', 'cert-wechat'], 'mixed'),
  // colloquial names and whole questions
  q('我妈去世了能领多少钱', ['care-funeral', 'care-funeral-apply'], 'question'),
  q('每年都要认证吗', ['cert-cycle'], 'question'),
  q('吃饭补贴在哪里领', ['meal-how', 'meal-subsidy'], 'question'),
  q('七十岁吃饭补几块钱', ['meal-subsidy'], 'question'),
  q('老人食堂一顿多少钱', ['meal-price'], 'colloquial'),
  q('退休工资没到账', ['pay-suspended', 'pay-date'], 'colloquial'),
  q('退休金怎么停了', ['pay-suspended'], 'question'),
  q('停发的钱还补吗', ['pay-backpay', 'cert-overdue'], 'question'),
  q('手机上怎么刷脸', ['cert-wechat'], 'question'),
  q('儿子帮我认证行不行', ['cert-family'], 'question'),
  q('我爸瘫痪在床怎么认证', ['cert-home'], 'question'),
  q('不会用手机怎么认证', ['cert-onsite', 'cert-home'], 'question'),
  q('在国外怎么认证', ['cert-abroad'], 'question'),
  q('一个月低保多少钱', ['aid-dibao-standard'], 'question'),
  q('五保户每月领多少', ['aid-tekun-standard'], 'colloquial'),
  q('家里没钱了能申请什么', ['aid-temp', 'care-hardship', 'aid-dibao-apply'], 'question'),
  q('有退休金还能吃低保吗', ['aid-retiree-dibao'], 'question'),
  q('住院有没有慰问', ['care-hospital'], 'question'),
  q('重阳节发多少钱', ['care-festival', 'care-festival-date'], 'question'),
  q('过年慰问金', ['care-festival', 'care-festival-date'], 'colloquial'),
  q('档案在哪', ['arch-where', 'arch-lookup'], 'question'),
  q('查档案要带什么', ['arch-copy', 'arch-lookup'], 'question'),
  q('退休证丢了', ['arch-retire-card'], 'colloquial'),
  q('出生年月跟身份证对不上', ['arch-birthdate'], 'question'),
  q('新农保什么时候能领', ['rp-receive'], 'colloquial'),
  q('农村养老保险一年交多少', ['rp-levels'], 'colloquial'),
  q('残疾证怎么办', ['dis-card'], 'colloquial'),
  q('残疾人有什么补贴', ['dis-subsidy'], 'question'),
  q('轮椅可以申请吗', ['dis-aids'], 'question'),
  q('搬去女儿那边住养老金还发吗', ['pay-move'], 'question'),
  q('打太极在哪报名', ['gen-taichi'], 'question'),
  q('刷脸老是失败', ['cert-failed'], 'colloquial'),
  q('怎么知道认证过了没有', ['cert-status'], 'question'),
  q('人走了要去报告吗', ['cert-death-report'], 'question'),
  q('多发的养老金要退吗', ['pay-overpaid'], 'question'),
  q('我没做认证怎么显示已经认证了', ['cert-bigdata'], 'question'),
  q('养老金涨了多少', ['pay-adjust'], 'question'),
  q('换银行卡', ['pay-bank-card'], 'plain'),
  q('特困是什么人', ['aid-tekun-who'], 'question'),
  q('打电话让我交认证费', ['gen-fraud'], 'question'),
  // traditional characters and full-width letters
  q('養老金資格認證', ['cert-what', 'cert-cycle'], 'width'),
  q('ＮＳ', ['cert-what', 'cert-cycle'], 'width'),
  q('低保　標準', ['aid-dibao-standard'], 'width'),
  // Held out: written after the weights and the synonym table were frozen; never used to tune.
  held('认证要钱吗', ['gen-fraud'], 'question'),
  held('我在美国怎么年审', ['cert-abroad'], 'question'),
  held('老伴走了有啥补助', ['care-survivor', 'care-funeral'], 'question'),
  held('盲人有补贴吗', ['dis-subsidy'], 'question'),
  held('档案能在网上查吗', ['arch-lookup'], 'question'),
  held('低保怎么申清', ['aid-dibao-apply'], 'typo'),
  held('tkry', ['aid-tekun-who', 'aid-tekun-standard'], 'initials'),
  held('lsjz', ['aid-temp'], 'initials'),
  held('shangmen renzheng', ['cert-home'], 'pinyin'),
  held('八十岁吃饭补贴', ['meal-subsidy'], 'colloquial'),
  held('食堂送饭到家吗', ['meal-delivery'], 'question'),
  held('外地人能在食堂吃饭吗', ['meal-nonlocal'], 'question'),
  held('退休证补办', ['arch-retire-card'], 'plain'),
  held('工龄证明', ['arch-worktime'], 'plain'),
  held('居民养老保险交满多少年才能领', ['rp-receive'], 'question'),
  held('新农保转城镇职工', ['rp-transfer'], 'colloquial'),
  held('养老金卡丢了', ['pay-bank-card'], 'colloquial'),
  held('住院了单位给钱吗', ['care-hospital'], 'question'),
  held('认证过期了钱还能补吗', ['pay-backpay', 'cert-overdue'], 'question'),
  held('帮我爸妈刷脸', ['cert-family'], 'colloquial'),
  held('扶手安装', ['dis-barrier'], 'plain'),
  held('助听器', ['dis-aids'], 'plain'),
  held('开退休证明', ['pay-proof'], 'colloquial'),
  held('怎么改手机号', ['gen-phone-change'], 'question'),
  held('残疾人需求调查', ['dis-survey'], 'plain'),
  held('特困供样标准', ['aid-tekun-standard'], 'typo'),
  held('yljtz', ['pay-adjust'], 'initials'),
  held('养老金怎么计算', ['pay-amount'], 'question'),
];
