/**
 * Code tables of GB 32100-2015 (登记管理部门代码 + 机构类别代码) and the province part of
 * GB/T 2260. Sources and confidence: docs/domain/uscc.md.
 */

export interface AuthorityEntry {
  name: string;
  /** 机构类别代码 → name. */
  entityTypes: Readonly<Record<string, string>>;
  /** False for entries seen in a single secondary source only (later additions). */
  confirmed: boolean;
}

export const REGISTRATION_AUTHORITIES: Readonly<Record<string, AuthorityEntry>> = {
  '1': {
    name: '机构编制', confirmed: true,
    entityTypes: { '1': '机关', '2': '事业单位', '3': '中央编办直接管理机构编制的群众团体', '9': '其他' },
  },
  '2': { name: '外交', confirmed: true, entityTypes: { '1': '外国常驻新闻机构', '9': '其他' } },
  '3': {
    name: '司法行政', confirmed: true,
    entityTypes: {
      '1': '律师执业机构', '2': '公证处', '3': '基层法律服务所', '4': '司法鉴定机构', '5': '仲裁委员会', '9': '其他',
    },
  },
  '4': { name: '文化', confirmed: true, entityTypes: { '1': '外国在华文化中心', '9': '其他' } },
  '5': {
    name: '民政', confirmed: true,
    entityTypes: { '1': '社会团体', '2': '民办非企业单位', '3': '基金会', '9': '其他' },
  },
  '6': {
    name: '旅游', confirmed: true,
    entityTypes: { '1': '外国政府旅游部门常驻代表机构', '2': '港澳台地区旅游部门常驻内地（大陆）代表机构', '9': '其他' },
  },
  '7': { name: '宗教', confirmed: true, entityTypes: { '1': '宗教活动场所', '2': '宗教院校', '9': '其他' } },
  '8': { name: '工会', confirmed: true, entityTypes: { '1': '基层工会', '9': '其他' } },
  '9': {
    name: '市场监管（工商）', confirmed: true,
    entityTypes: { '1': '企业', '2': '个体工商户', '3': '农民专业合作社' },
  },
  A: { name: '中央军委改革和编制办公室', confirmed: true, entityTypes: { '1': '军队事业单位', '9': '其他' } },
  N: {
    name: '农业农村', confirmed: true,
    entityTypes: { '1': '组级集体经济组织', '2': '村级集体经济组织', '3': '乡镇级集体经济组织', '9': '其他' },
  },
  Y: { name: '其他', confirmed: true, entityTypes: { '1': '其他' } },
  // Later additions seen in one secondary source only: decoded, but see the docs.
  G: { name: '公安', confirmed: false, entityTypes: { '1': '境外非政府组织代表机构', '9': '其他' } },
  J: { name: '住房城乡建设', confirmed: false, entityTypes: { '1': '业主大会', '9': '其他' } },
  Q: {
    name: '侨联', confirmed: false,
    entityTypes: { '1': '区县级侨联组织', '2': '乡镇级侨联组织', '3': '村级侨联组织', '9': '其他' },
  },
};

/** First two digits of a GB/T 2260 region code → province-level division. */
export const PROVINCES: Readonly<Record<string, string>> = {
  '11': '北京市', '12': '天津市', '13': '河北省', '14': '山西省', '15': '内蒙古自治区',
  '21': '辽宁省', '22': '吉林省', '23': '黑龙江省',
  '31': '上海市', '32': '江苏省', '33': '浙江省', '34': '安徽省', '35': '福建省', '36': '江西省', '37': '山东省',
  '41': '河南省', '42': '湖北省', '43': '湖南省', '44': '广东省', '45': '广西壮族自治区', '46': '海南省',
  '50': '重庆市', '51': '四川省', '52': '贵州省', '53': '云南省', '54': '西藏自治区',
  '61': '陕西省', '62': '甘肃省', '63': '青海省', '64': '宁夏回族自治区', '65': '新疆维吾尔自治区',
  '71': '台湾省', '81': '香港特别行政区', '82': '澳门特别行政区',
};

/** Region code used by national-level registration authorities (中央). */
export const NATIONAL_REGION_CODE = '100000';

export interface RegionInfo {
  code: string;
  /** Province-level name, '全国' for 100000, null when unknown. */
  provinceName: string | null;
}

export function describeRegion(regionCode: string): RegionInfo {
  if (regionCode === NATIONAL_REGION_CODE) return { code: regionCode, provinceName: '全国' };
  return { code: regionCode, provinceName: PROVINCES[regionCode.slice(0, 2)] ?? null };
}
