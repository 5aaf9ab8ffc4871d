/**
 * Word pools for demo names and addresses. The county is called 示例县 (modelled on a
 * county in 唐山, region 130227); towns are ordinary place names, brands are invented.
 */
import type { Rng } from './prng.ts';

export const DEMO_REGION_CODE = '130227';
export const DEMO_COUNTY = '示例县';

/** Weighted common surnames (northern China). */
const surnames: readonly (readonly [string, number])[] = [
  ['王', 10], ['李', 10], ['张', 9], ['刘', 8], ['杨', 5], ['赵', 5], ['陈', 4], ['孙', 4], ['高', 4], ['马', 3],
  ['郭', 3], ['于', 3], ['徐', 3], ['周', 2], ['吴', 2], ['韩', 2], ['曹', 2], ['董', 2], ['冯', 2], ['田', 2],
  ['宋', 2], ['邢', 2], ['齐', 1], ['石', 1], ['崔', 1], ['孟', 1], ['付', 1], ['贾', 1], ['魏', 1], ['常', 1],
  ['尹', 1], ['闫', 1], ['霍', 1], ['景', 1], ['白', 1], ['姜', 1], ['朱', 1], ['侯', 1], ['薛', 1], ['郝', 1],
];
const maleGiven = '建国志强海涛伟明军华国庆永刚立新文杰春雷晓东宏伟振华树林玉山德胜俊峰红旗长江金龙学军'.match(/../gu) ?? [];
const femaleGiven = '秀英丽华晓燕淑珍春梅桂芝海霞玉兰雪梅丽娟文静建华彩云晓丽红梅艳玲欣怡佳琪'.match(/../gu) ?? [];
const singleMale = [...'伟强磊军勇杰涛斌超明辉鹏刚浩亮'];
const singleFemale = [...'静敏丽娟艳芳霞燕玲红'];

export function personName(rng: Rng, gender: 'male' | 'female' = rng.chance(0.75) ? 'male' : 'female'): string {
  const surname = rng.weighted(surnames);
  const given = rng.chance(0.3)
    ? rng.pick(gender === 'male' ? singleMale : singleFemale)
    : rng.pick(gender === 'male' ? maleGiven : femaleGiven);
  return `${surname}${given}`;
}

/** Towns of the county; the first is the county seat. */
export const towns = [
  '兴城镇', '三屯营镇', '洒河桥镇', '金厂峪镇', '罗家屯镇', '太平寨镇', '东荒峪镇', '新集镇', '汉儿庄镇', '滦阳镇',
  '白庙子镇', '上营乡', '旧城乡', '尹庄乡', '渔户寨乡',
] as const;

const seatStreets = ['栗乡街', '喜峰路', '建设路', '迎宾路', '滨河路', '团结路', '新华街', '人民路', '振兴路', '交通路', '长城路', '景忠路'];
const parkStreets = ['物流园路', '创业路', '工业园区纬二路', '工业园区经三路'];
const villages = [
  '东街村', '西街村', '南关村', '北关村', '前营村', '后营村', '王庄子村', '李家庄村', '杨家峪村', '河东村', '河西村',
  '新立村', '大庄子村', '小河口村', '马蹄峪村', '青山口村',
];

export function address(rng: Rng, town: string = rng.weighted(towns.map((t, i) => [t, i === 0 ? 8 : 1] as const))): string {
  if (town === '兴城镇') {
    return rng.chance(0.2)
      ? `${DEMO_COUNTY}经济开发区${rng.pick(parkStreets)}${rng.int(1, 88)}号`
      : `${DEMO_COUNTY}兴城镇${rng.pick(seatStreets)}${rng.int(1, 299)}号`;
  }
  return `${DEMO_COUNTY}${town}${rng.pick(villages)}${rng.int(1, 160)}号`;
}

/** Fictional landline in the 0315 area. */
export function landline(rng: Rng): string {
  return `0315-56${String(rng.int(0, 99999)).padStart(5, '0')}`;
}

/** Two-character trade names (字号). */
export const brands = [
  '通达', '顺安', '恒通', '宏达', '鑫源', '兴旺', '昌盛', '永顺', '安达', '利民', '泰和', '金桥', '广源', '汇通', '华运',
  '龙腾', '远航', '祥和', '瑞丰', '荣达', '众诚', '天宇', '盛世', '佳诚', '德顺', '鸿运', '新航', '运通', '骏马', '腾飞',
  '栗乡', '燕山', '滦水', '喜峰', '青山', '长顺', '万通', '福源', '诚达', '畅通', '路路通', '金马', '宝通', '凯达', '东升',
  '旭日', '信达', '正通', '海川', '隆昌', '嘉禾', '润通', '鼎盛', '聚源', '亨通', '恒远', '中运', '北方',
  '大成', '宏远', '久安', '平安', '吉祥', '顺通', '华通', '兴达', '路达', '通顺',
];
