/**
 * Word lists for the demo roster. Everything here is invented or generic; no row
 * of generated data describes a real person.
 */

/**
 * Surnames with rough weights. Southern Fujian leans heavily to 陈, 林, 黄
 * ("陈林半天下") and has more 蔡, 洪, 苏, 柯, 庄 than the national average, so a
 * Xiamen roster that is all 王/李/张 would look wrong to the staff using it.
 */
export const SURNAMES: ReadonlyArray<readonly [string, number]> = [
  ['陈', 110],
  ['林', 90],
  ['黄', 70],
  ['张', 45],
  ['吴', 40],
  ['李', 40],
  ['王', 35],
  ['郑', 30],
  ['蔡', 28],
  ['杨', 25],
  ['许', 22],
  ['洪', 20],
  ['谢', 18],
  ['苏', 18],
  ['刘', 18],
  ['曾', 16],
  ['叶', 15],
  ['周', 14],
  ['庄', 14],
  ['柯', 12],
  ['邱', 12],
  ['卢', 10],
  ['郭', 10],
  ['何', 9],
  ['施', 9],
  ['吕', 8],
  ['潘', 8],
  ['颜', 8],
  ['赵', 8],
  ['孙', 7],
  ['徐', 7],
  ['朱', 7],
  ['胡', 6],
  ['方', 6],
  ['高', 6],
  ['江', 6],
  ['钟', 5],
  ['魏', 5],
  ['戴', 5],
  ['邓', 5],
  ['罗', 5],
  ['纪', 4],
  ['马', 4],
  ['傅', 4],
  ['彭', 4],
  ['温', 3],
  ['白', 3],
  ['康', 3],
  ['姚', 3],
  ['沈', 3],
];

/**
 * Given names of people born roughly 1930–1970: the generation of 桂英, 秀兰,
 * 建国 and 国庆. Two characters mostly; single-character names were common too.
 */
export const GIVEN_FEMALE: readonly string[] = [
  '桂英',
  '秀兰',
  '秀英',
  '玉兰',
  '桂兰',
  '秀珍',
  '凤英',
  '玉珍',
  '玉英',
  '兰英',
  '淑珍',
  '淑英',
  '秀云',
  '素珍',
  '丽华',
  '美华',
  '月娥',
  '宝珠',
  '春梅',
  '冬梅',
  '红梅',
  '秀梅',
  '丽娟',
  '美玲',
  '玉梅',
  '素琴',
  '亚珍',
  '碧霞',
  '秀琴',
  '淑华',
  '惠珍',
  '丽珠',
  '玉凤',
  '金凤',
  '彩霞',
  '秋菊',
  '淑芬',
  '美珠',
  '碧云',
  '雪梅',
  '丽卿',
  '秀治',
  '玉环',
  '金花',
  '翠英',
  '月华',
  '瑞英',
  '宝玉',
  '爱华',
  '惠英',
];
export const GIVEN_MALE: readonly string[] = [
  '建国',
  '国庆',
  '建华',
  '建军',
  '志强',
  '国华',
  '卫东',
  '国强',
  '德明',
  '文华',
  '振华',
  '国平',
  '建平',
  '建新',
  '志明',
  '永福',
  '福生',
  '金水',
  '水生',
  '荣华',
  '明华',
  '学军',
  '卫国',
  '爱国',
  '跃进',
  '援朝',
  '胜利',
  '德福',
  '天福',
  '清泉',
  '火旺',
  '进财',
  '金龙',
  '海生',
  '伟民',
  '振兴',
  '保国',
  '长青',
  '文斌',
  '志刚',
  '永强',
  '少华',
  '惠民',
  '国栋',
  '荣发',
  '水木',
  '添丁',
  '明德',
  '顺利',
  '和平',
];
export const SINGLE_FEMALE: readonly string[] = ['芳', '英', '兰', '珍', '霞', '梅', '敏', '萍', '红', '琴', '燕', '娟'];
export const SINGLE_MALE: readonly string[] = ['伟', '强', '军', '明', '华', '平', '勇', '斌', '刚', '辉', '忠', '林'];

/** Names for the family-member demo account: a daughter born in the 1970s–80s. */
export const GIVEN_DAUGHTER: readonly string[] = ['丽萍', '海燕', '晓红', '丽娜', '秀玲', '雅琴', '晓燕', '丽君'];

/**
 * A fictional four-street district modelled on Xiamen's Haicang district. Street
 * names are Haicang's; the community lists are plausible, not an official list.
 * `areaCode` is the street's fake ID-number prefix: real Haicang numbers start
 * 350205, ours swap the province code 35 for 99, which no province uses, so a demo
 * ID number can never be a real person's.
 */
export interface Street {
  name: string;
  areaCode: string;
  weight: number;
  communities: readonly string[];
}
export const STREETS: readonly Street[] = [
  { name: '海沧街道', areaCode: '990205', weight: 30, communities: ['海虹社区', '海发社区', '锦里社区', '海沧社区'] },
  { name: '新阳街道', areaCode: '990206', weight: 30, communities: ['新垵社区', '霞阳社区', '祥露社区'] },
  { name: '嵩屿街道', areaCode: '990207', weight: 25, communities: ['东屿社区', '囷瑶社区', '海翔社区'] },
  { name: '东孚街道', areaCode: '990208', weight: 15, communities: ['鼎美社区', '芸美社区', '洪塘社区'] },
];

/**
 * Area codes for the few holders of non-mainland IDs: Hong Kong, Macao and Taiwan
 * residence permits use 810000, 820000 and 830000; ours put 99 in front so they stay
 * obviously fake (the generated number is still checksum-valid).
 */
export const NON_MAINLAND_AREA_CODES: readonly string[] = ['998100', '998200', '998300'];
