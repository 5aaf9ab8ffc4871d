/**
 * Shapes of the demo "一单两库一指引" data: the item list with guidelines, the entity and
 * object directory, and the officer directory. Plain data, loaded later by the demo loader.
 */
import type { IsoDate } from '../../../domain/calendar/civil-date.ts';
import type { OfficerCategory, OfficerStatus } from '../../../domain/directory/officer-eligibility.ts';
import type { RiskSnapshot } from '../../../domain/directory/risk-class.ts';
import type { VerificationMethod } from '../../../domain/result/result-codes.ts';
import type { EntityStatus } from '../../../domain/task/candidate-pool.ts';

/** The model bureau's departments that own items and officers. */
export const demoDepartments = {
  YSGL: '运输管理科',
  ZHZF: '综合执法大队',
  GCZJ: '工程质量监督站',
  GLYH: '公路养护中心',
  AQJD: '安全监督科',
} as const;
export type DemoDepartmentCode = keyof typeof demoDepartments;
export const demoDepartmentCodes = Object.keys(demoDepartments) as DemoDepartmentCode[];

/** 行业类别 of entities and objects. */
export const demoIndustries = [
  '道路货运', '道路客运', '驾驶员培训', '机动车维修', '危险货物运输', '出租汽车', '城市公交', '水路运输',
  '公路建设', '涉路施工', '工程试验检测',
] as const;
export type DemoIndustry = (typeof demoIndustries)[number];

/** 重点领域 tags of entities. */
export const demoFocusAreas = [
  '安全生产', '两客一危', '危险货物', '校车', '节假日运输', '农村客运', '旅游包车', '超限超载', '动态监控',
  '机动车排放', '消防安全', '收费公示',
] as const;
export type DemoFocusArea = (typeof demoFocusAreas)[number];

/** 业务专长 / 执法资质 of officers; items require some of them (requiredTags). */
export const officerTagVocabulary = [
  '道路运输', '道路客运', '危险货物', '机动车维修', '驾驶员培训', '出租汽车', '工程质量', '安全生产', '超限治理', '路政',
  '水路运输',
] as const;
export type OfficerTag = (typeof officerTagVocabulary)[number];

export type ItemCategory = 'key' | 'general';
export type SupervisionLevel = 'province' | 'city' | 'county';
/** Kinds of 非主体类 objects. */
export type DemoObjectKind = 'vehicle' | 'road_project' | 'station';
/** 抽查对象: market entities, or one kind of non-entity object. */
export type ItemObjectType = 'entity' | DemoObjectKind;

/** 检查要点: one line of a checklist, answered 是/否/未检查/合理缺项. */
export interface DemoCheckpoint {
  /** `${itemCode}-${nn}`, e.g. 'QXJT-SX-001-01'. */
  code: string;
  /** A yes/no question, e.g. '是否取得《道路运输经营许可证》且在有效期内'. */
  text: string;
}

/** 抽查工作指引. */
export interface DemoGuideline {
  content: string;
  method: string;
  basis: string;
  checkpoints: DemoCheckpoint[];
}

/** 随机抽查事项清单 entry. */
export interface DemoItem {
  /** 事项编码, 'QXJT-SX-001'. */
  code: string;
  category: ItemCategory;
  /** 抽查类别, e.g. 道路运输经营. */
  group: string;
  name: string;
  legalBasis: string;
  responsibleDepartmentCode: DemoDepartmentCode;
  supervisionLevel: SupervisionLevel;
  objectType: ItemObjectType;
  /** 抽查内容. */
  content: string;
  methods: VerificationMethod[];
  /** Default 抽查比例 in basis points (1000 = 10 %). */
  defaultRatioBp: number;
  /** 抽查频次, e.g. '1次/年'. */
  frequency: string;
  /** 检查人员要求: an officer needs all of them. */
  requiredTags: OfficerTag[];
  /** Industries of the entities/objects it applies to. */
  industries: DemoIndustry[];
  remarks: string;
  guideline: DemoGuideline;
}

/** 主体类监管对象 (market entity). */
export interface DemoEntity {
  /** Directory key: the USCC, or the 注册号 for legacy firms without one. */
  key: string;
  /** 统一社会信用代码; null for legacy firms known only by 注册号. */
  uscc: string | null;
  /** 15-digit legacy 工商注册号 (alternate id); null for most. */
  registrationNumber: string | null;
  name: string;
  /** 主体类型: 企业 / 个体工商户 / 农民专业合作社. */
  entityKind: 'enterprise' | 'individual' | 'cooperative';
  legalRepresentative: string;
  address: string;
  regionCode: string;
  contactName: string;
  contactPhone: string;
  industry: DemoIndustry;
  focusAreas: DemoFocusArea[];
  status: EntityStatus;
  /** When the current non-active status took effect; null while active. */
  statusSince: IsoDate | null;
  foundedOn: IsoDate;
  /** Monthly classifications, oldest first (months before founding are omitted). */
  riskSnapshots: RiskSnapshot[];
}

/** 非主体类监管对象 (vehicle, road project, station). */
export interface DemoObject {
  kind: DemoObjectKind;
  /** Directory code: plate number, project code or station code. */
  code: string;
  name: string;
  industry: DemoIndustry;
  regionCode: string;
  /** USCC of the owning/operating entity in the directory, when there is one. */
  ownerUscc: string | null;
  /** Display attributes (车辆类型, 使用性质, 项目名称, 合同金额 …), in display order. */
  attributes: Record<string, string>;
}

/** 执法检查人员 (or 专家). */
export interface DemoOfficer {
  /** 执法证号, 14 digits; null for experts. */
  certificateNo: string | null;
  /** Stable demo key: the certificate number, or 'EXP-nn' for experts. */
  key: string;
  name: string;
  gender: 'male' | 'female';
  departmentCode: DemoDepartmentCode;
  /** 职务/职称, e.g. 科员, 高级工程师. */
  title: string;
  certificateType: string | null;
  validFrom: IsoDate | null;
  validTo: IsoDate | null;
  tags: OfficerTag[];
  category: OfficerCategory;
  status: OfficerStatus;
  leaveFrom: IsoDate | null;
  leaveTo: IsoDate | null;
}

/** A declared conflict of interest (回避). */
export interface DemoConflict {
  certificateNo: string;
  entityUscc: string;
  reason: string;
  validFrom: IsoDate;
  validTo: IsoDate | null;
}

export interface DemoDirectory {
  seed: number;
  items: DemoItem[];
  entities: DemoEntity[];
  objects: DemoObject[];
  officers: DemoOfficer[];
  conflicts: DemoConflict[];
}
