/**
 * The bureau's 随机抽查事项清单 with one 抽查工作指引 per item (domain-rules §4.1, §4.4, §8).
 * Legal bases cite articles only where the article is certain; otherwise the regulation.
 */
import type { VerificationMethod } from '../../../domain/result/result-codes.ts';
import type {
  DemoDepartmentCode, DemoIndustry, DemoItem, ItemCategory, ItemObjectType, OfficerTag, SupervisionLevel,
} from './types.ts';

export const DEMO_ITEM_CODE_PREFIX = 'QXJT-SX-';

const LAW = {
  roadTransport: '《中华人民共和国道路运输条例》',
  licensing61: '《中华人民共和国行政许可法》第六十一条',
  safety65: '《中华人民共和国安全生产法》第六十五条',
  freight: '《道路货物运输及站场管理规定》',
  passenger: '《道路旅客运输及客运站管理规定》',
  repair: '《机动车维修管理规定》',
  training: '《机动车驾驶员培训管理规定》',
  dangerous: '《危险货物道路运输安全管理办法》',
  dangerousOld: '《道路危险货物运输管理规定》',
  taxi: '《巡游出租汽车经营服务管理规定》',
  ridehail: '《网络预约出租汽车经营服务管理暂行办法》',
  bus: '《城市公共汽车和电车客运管理规定》',
  vehicleTech: '《道路运输车辆技术管理规定》',
  dynamic: '《道路运输车辆动态监督管理办法》',
  market: '《公路建设市场管理办法》',
  quality43: '《建设工程质量管理条例》第四十三条',
  qualitySupervision: '《公路水运工程质量监督管理规定》',
  safety40: '《建设工程安全生产管理条例》第四十条',
  constructionSafety: '《公路水运工程安全生产监督管理办法》',
  testing: '《公路水运工程试验检测管理办法》',
  highway4445: '《中华人民共和国公路法》第四十四条、第四十五条',
  highway50: '《中华人民共和国公路法》第五十条',
  roadProtection27: '《公路安全保护条例》第二十七条',
  roadProtection: '《公路安全保护条例》',
  overload: '《超限运输车辆行驶公路管理规定》',
  waterway: '《国内水路运输管理条例》',
  waterwayRules: '《国内水路运输管理规定》',
} as const;

interface ItemSpec {
  category: ItemCategory;
  group: string;
  name: string;
  basis: readonly string[];
  dept: DemoDepartmentCode;
  level: SupervisionLevel;
  objectType: ItemObjectType;
  content: string;
  methods: VerificationMethod[];
  ratioBp: number;
  frequency: string;
  tags: OfficerTag[];
  industries: DemoIndustry[];
  remarks: string;
  /** 检查方法 of the guideline. */
  method: string;
  checkpoints: readonly string[];
}

const FIELD_AND_PAPER = '实地查看经营场所、设施设备，查阅许可证件、管理制度、台账和档案资料，询问有关人员，必要时调取监控数据';

const specs: readonly ItemSpec[] = [
  {
    category: 'general', group: '道路运输经营', name: '道路普通货物运输经营许可的监督检查',
    basis: [LAW.roadTransport, LAW.freight, LAW.licensing61], dept: 'ZHZF', level: 'county', objectType: 'entity',
    content: '经营资质、车辆和驾驶员条件、安全生产管理制度落实、车辆技术管理及营运车辆动态监控情况',
    methods: ['on_site', 'documents'], ratioBp: 500, frequency: '1次/年', tags: ['道路运输'], industries: ['道路货运'],
    remarks: '属地负责；与超限运输源头治理可合并实施', method: FIELD_AND_PAPER,
    checkpoints: [
      '是否取得《道路运输经营许可证》且在有效期内',
      '是否按许可的经营范围从事货物运输经营',
      '营运车辆是否均持有有效的《道路运输证》',
      '车辆是否按规定进行年度审验',
      '驾驶员是否取得相应从业资格证件',
      '是否建立安全生产管理制度和台账',
      '是否建立车辆技术档案和驾驶员档案',
      '重型载货汽车和半挂牵引车是否安装卫星定位装置并接入监控平台',
    ],
  },
  {
    category: 'key', group: '道路运输经营', name: '班车客运经营许可、客运班线许可的监督检查',
    basis: [LAW.roadTransport, LAW.passenger, LAW.licensing61], dept: 'YSGL', level: 'county', objectType: 'entity',
    content: '班车客运经营资质、客运班线许可事项落实、车辆及驾驶员条件、安全生产管理和服务质量',
    methods: ['on_site', 'documents', 'online_monitoring'], ratioBp: 2000, frequency: '2次/年', tags: ['道路客运'],
    industries: ['道路客运'], remarks: '与公安交管、市场监管部门联合抽查；重点企业2次/年', method: FIELD_AND_PAPER,
    checkpoints: [
      '是否取得《道路运输经营许可证》且在有效期内',
      '是否按许可的线路、站点、班次经营，未擅自站外揽客',
      '客运车辆是否持有有效的《道路运输证》和班线标志牌',
      '驾驶员是否取得客运从业资格证件并按规定参加继续教育',
      '是否落实客运车辆发车前安全例检制度',
      '是否建立安全生产管理制度和台账',
      '是否落实驾驶员连续驾驶时间和休息时间规定',
      '是否制定并演练突发事件应急预案',
    ],
  },
  {
    category: 'general', group: '道路运输经营', name: '道路旅游客运企业许可的监督检查',
    basis: [LAW.roadTransport, LAW.passenger], dept: 'YSGL', level: 'city', objectType: 'entity',
    content: '包车客运经营资质、包车客运标志牌管理、车辆及驾驶员条件、动态监控',
    methods: ['on_site', 'documents', 'online_monitoring'], ratioBp: 1000, frequency: '1次/年', tags: ['道路客运'],
    industries: ['道路客运'], remarks: '市级许可，县级协助实施', method: FIELD_AND_PAPER,
    checkpoints: [
      '是否取得包车客运经营许可且在有效期内',
      '是否按规定使用电子包车客运标志牌',
      '是否存在包车客运招揽散客、按班车模式经营的情况',
      '旅游客车是否安装具有行驶记录功能的卫星定位装置并正常使用',
      '驾驶员是否取得客运从业资格证件',
      '是否建立安全生产管理制度和台账',
    ],
  },
  {
    category: 'key', group: '道路运输相关业务', name: '道路运输客运站经营的监督检查',
    basis: [LAW.roadTransport, LAW.passenger], dept: 'YSGL', level: 'county', objectType: 'station',
    content: '客运站经营资质、危险品查堵、进出站检查、安全例检、售票及服务',
    methods: ['on_site', 'documents'], ratioBp: 10000, frequency: '1次/年', tags: ['道路客运'], industries: ['道路客运'],
    remarks: '全覆盖检查', method: '实地查看站场设施、安检设备，查阅三不进站六不出站记录，现场观察发车作业',
    checkpoints: [
      '是否取得客运站经营许可且站级与核定一致',
      '是否配备行包安全检查设备并落实“三品”查堵',
      '是否落实“三不进站、六不出站”制度',
      '是否对出站客车进行安全例行检查并留存记录',
      '是否实行实名制售票并查验乘客身份',
      '是否公布票价、班次和服务投诉电话',
      '消防设施是否完好有效、疏散通道是否畅通',
    ],
  },
  {
    category: 'general', group: '道路运输相关业务', name: '机动车维修经营的监督检查',
    basis: [LAW.roadTransport, LAW.repair], dept: 'ZHZF', level: 'county', objectType: 'entity',
    content: '维修经营备案、维修质量管理、收费公示、配件管理、环保和安全生产',
    methods: ['on_site', 'documents'], ratioBp: 500, frequency: '1次/年', tags: ['机动车维修'], industries: ['机动车维修'],
    remarks: '属地负责、分级监管', method: FIELD_AND_PAPER,
    checkpoints: [
      '是否按规定办理机动车维修经营备案',
      '是否在经营场所公示维修工时定额和收费标准',
      '是否按规定签订维修合同并建立维修档案',
      '是否执行进厂检验、过程检验和竣工检验制度',
      '是否按规定签发机动车维修竣工出厂合格证',
      '是否建立配件采购登记制度并查验产品合格证',
      '维修技术人员是否与经营范围相适应',
      '废机油、废电瓶等危险废物是否按规定分类收集处置',
    ],
  },
  {
    category: 'general', group: '道路运输相关业务', name: '机动车驾驶员培训的监督检查',
    basis: [LAW.roadTransport, LAW.training], dept: 'YSGL', level: 'county', objectType: 'entity',
    content: '经营范围和备案、教练场地和设施设备、教练员和教练车管理、收费公示、培训记录',
    methods: ['on_site', 'documents', 'online_monitoring'], ratioBp: 1000, frequency: '1次/年', tags: ['驾驶员培训'],
    industries: ['驾驶员培训'], remarks: '属地负责', method: '实地查看教练场地和教练车，查阅教学日志、培训记录和计时培训系统数据',
    checkpoints: [
      '是否按备案的经营范围开展培训且备案信息真实有效',
      '教练场地、设施设备是否与备案一致并符合国家标准',
      '教练员、教练车是否一人一档、一车一档',
      '收费标准是否公示',
      '是否与学员签订培训合同',
      '是否使用计时培训系统并如实记录学时',
      '是否制定突发事件应急预案',
      '是否建立培训记录、结业证书发放等台账',
    ],
  },
  {
    category: 'general', group: '城市客运', name: '巡游出租汽车经营的监督检查',
    basis: [LAW.taxi, '《国务院办公厅关于深化改革推进出租汽车行业健康发展的指导意见》（国办发〔2016〕58号）'],
    dept: 'ZHZF', level: 'county', objectType: 'entity',
    content: '经营资质、车辆和驾驶员管理、计价器和顶灯等营运设施、服务质量和投诉处理',
    methods: ['on_site', 'documents'], ratioBp: 1000, frequency: '1次/年', tags: ['出租汽车'], industries: ['出租汽车'],
    remarks: '属地负责', method: FIELD_AND_PAPER,
    checkpoints: [
      '是否取得巡游出租汽车经营许可且在有效期内',
      '营运车辆是否取得《道路运输证》并在有效期内',
      '驾驶员是否取得巡游出租汽车驾驶员从业资格证',
      '计价器是否经检定合格并正常使用',
      '车辆是否按规定配置顶灯、服务监督卡等营运标志',
      '是否建立投诉处理制度并按时办结',
      '是否建立安全生产管理制度和台账',
    ],
  },
  {
    category: 'general', group: '城市客运', name: '网络预约出租汽车经营的监督检查',
    basis: [LAW.ridehail], dept: 'YSGL', level: 'city', objectType: 'entity',
    content: '网约车平台公司经营许可、车辆和驾驶员许可、数据接入',
    methods: ['online_monitoring', 'documents'], ratioBp: 500, frequency: '1次/年', tags: ['出租汽车'], industries: ['出租汽车'],
    remarks: '市级实施，县级协助', method: '通过网约车监管信息交互平台核查数据，查阅车辆和驾驶员许可资料',
    checkpoints: [
      '是否取得网络预约出租汽车经营许可',
      '接入车辆是否取得《网络预约出租汽车运输证》',
      '接入驾驶员是否取得网约车驾驶员证',
      '是否按规定向监管平台传输运营数据',
    ],
  },
  {
    category: 'general', group: '城市客运', name: '城市公共汽电车客运的监督检查',
    basis: [LAW.bus], dept: 'YSGL', level: 'county', objectType: 'entity',
    content: '线路运营服务、车辆安全设施、驾驶员管理、应急管理',
    methods: ['on_site', 'documents'], ratioBp: 10000, frequency: '1次/年', tags: ['道路客运'], industries: ['城市公交'],
    remarks: '全覆盖检查', method: FIELD_AND_PAPER,
    checkpoints: [
      '是否按线路特许经营协议的线路、站点、班次运营',
      '车辆是否按规定配置安全锤、灭火器、应急门等安全设施',
      '驾驶员驾驶区域是否设置安全防护隔离设施',
      '是否对驾驶员进行岗前培训并建立档案',
      '是否制定并演练突发事件应急预案',
      '是否建立安全生产管理制度和台账',
    ],
  },
  {
    category: 'key', group: '道路运输经营', name: '危险货物道路运输的监督检查',
    basis: [LAW.roadTransport, LAW.dangerous, LAW.dangerousOld], dept: 'AQJD', level: 'county', objectType: 'entity',
    content: '经营资质、专用车辆和罐体、从业人员资格、运单管理、动态监控、应急管理',
    methods: ['on_site', 'documents', 'online_monitoring'], ratioBp: 2000, frequency: '2次/年', tags: ['危险货物'],
    industries: ['危险货物运输'], remarks: '重点监管；市县分级监管，与应急管理、公安部门联合抽查', method: FIELD_AND_PAPER,
    checkpoints: [
      '是否取得危险货物道路运输经营许可且在有效期内',
      '是否按许可的危险货物类别、项别从事运输',
      '专用车辆是否持有有效的《道路运输证》并按规定进行年度审验',
      '罐式车辆罐体是否经检验合格且在有效期内',
      '驾驶员和押运人员是否取得危险货物道路运输从业资格证件',
      '是否按规定制作并使用危险货物道路运输运单',
      '是否配备专职安全管理人员并落实动态监控',
      '是否建立安全生产管理制度和台账',
      '是否制定应急预案并配备应急救援器材',
    ],
  },
  {
    category: 'general', group: '道路运输经营', name: '道路运输车辆技术管理的监督检查',
    basis: [LAW.roadTransport, LAW.vehicleTech, LAW.dynamic], dept: 'ZHZF', level: 'county', objectType: 'vehicle',
    content: '车辆技术状况、综合性能检测、年度审验、卫星定位装置',
    methods: ['on_site', 'testing', 'online_monitoring'], ratioBp: 500, frequency: '1次/年', tags: ['道路运输'],
    industries: ['道路货运', '道路客运', '危险货物运输', '出租汽车', '驾驶员培训', '城市公交'],
    remarks: '以车辆为抽查对象', method: '现场查验车辆及证件，核对综合性能检测报告和审验记录，调取卫星定位数据',
    checkpoints: [
      '车辆是否持有有效的《道路运输证》',
      '车辆是否按规定进行年度审验',
      '是否按规定进行综合性能检测且技术等级达标',
      '车辆外廓尺寸、轴荷和质量是否与登记一致',
      '卫星定位装置是否正常使用并接入监控平台',
    ],
  },
  {
    category: 'key', group: '道路运输经营', name: '道路运输企业安全生产监督检查',
    basis: [LAW.safety65, LAW.roadTransport], dept: 'AQJD', level: 'county', objectType: 'entity',
    content: '安全生产责任制、安全管理机构和人员、安全投入、隐患排查治理、教育培训、应急管理',
    methods: ['on_site', 'documents'], ratioBp: 1000, frequency: '1次/年', tags: ['安全生产'],
    industries: ['道路客运', '危险货物运输', '道路货运'], remarks: '“两客一危”企业重点检查', method: FIELD_AND_PAPER,
    checkpoints: [
      '是否建立全员安全生产责任制',
      '是否按规定设置安全管理机构或配备专职安全管理人员',
      '是否按规定提取和使用安全生产费用',
      '是否建立安全生产管理制度和台账',
      '是否开展事故隐患排查治理并建立台账',
      '是否对从业人员开展安全教育培训并留存记录',
      '是否制定应急预案并定期演练',
    ],
  },
  {
    category: 'key', group: '工程建设', name: '公路水运建设市场督查',
    basis: [LAW.market, '《中华人民共和国招标投标法》'], dept: 'GCZJ', level: 'county', objectType: 'road_project',
    content: '项目建设程序、招标投标、合同履约、从业单位资质和人员到位、农民工工资支付',
    methods: ['on_site', 'documents'], ratioBp: 1000, frequency: '1次/年', tags: ['工程质量'], industries: ['公路建设'],
    remarks: '在建项目', method: '查阅项目审批、招标投标和合同文件，核对现场管理人员到岗情况',
    checkpoints: [
      '项目是否依法履行审批（核准）和施工许可手续',
      '是否依法招标，是否存在转包、违法分包',
      '施工、监理单位资质是否与工程规模相符',
      '项目经理、总监等主要人员是否与投标承诺一致并到岗履职',
      '是否按合同约定支付工程款',
      '是否落实农民工工资专用账户和实名制管理',
    ],
  },
  {
    category: 'key', group: '工程建设', name: '公路水运工程质量监督检查',
    basis: [LAW.quality43, LAW.qualitySupervision], dept: 'GCZJ', level: 'county', objectType: 'road_project',
    content: '质量保证体系、原材料和实体质量、试验检测、质量责任落实',
    methods: ['on_site', 'testing', 'documents'], ratioBp: 1000, frequency: '1次/年', tags: ['工程质量'], industries: ['公路建设'],
    remarks: '在建项目', method: '查阅质量管理文件，抽检原材料和实体工程，核对试验检测记录',
    checkpoints: [
      '是否办理工程质量监督手续',
      '施工单位是否建立质量保证体系并落实质量责任',
      '进场原材料是否按规定检验并留存记录',
      '工地试验室是否经授权并按规定开展试验检测',
      '隐蔽工程是否经监理验收后再进入下道工序',
      '实体质量抽检是否符合设计和规范要求',
    ],
  },
  {
    category: 'key', group: '工程建设', name: '交通建设工程安全生产监督检查',
    basis: [LAW.safety40, LAW.constructionSafety], dept: 'AQJD', level: 'county', objectType: 'road_project',
    content: '施工安全生产条件、危险性较大工程专项方案、安全防护、临时用电、应急管理',
    methods: ['on_site', 'documents'], ratioBp: 1000, frequency: '1次/年', tags: ['安全生产', '工程质量'], industries: ['公路建设'],
    remarks: '在建项目；与质量监督合并实施', method: '现场检查施工作业面和安全防护设施，查阅安全管理资料',
    checkpoints: [
      '施工单位是否取得安全生产许可证',
      '项目负责人和专职安全生产管理人员是否持证上岗',
      '危险性较大的分部分项工程是否编制专项施工方案并经审查',
      '是否按规定提取和使用安全生产费用',
      '临边防护、临时用电是否符合规范',
      '施工路段是否按规定设置交通安全设施',
      '是否制定应急预案并组织演练',
    ],
  },
  {
    category: 'general', group: '工程建设', name: '公路水运工程试验检测机构督查',
    basis: [LAW.testing], dept: 'GCZJ', level: 'province', objectType: 'entity',
    content: '等级证书、人员和仪器设备、检测行为和报告',
    methods: ['on_site', 'documents'], ratioBp: 1000, frequency: '1次/年', tags: ['工程质量'], industries: ['工程试验检测'],
    remarks: '省级实施', method: '查阅等级证书、人员证书和检测报告，核对仪器设备检定校准记录',
    checkpoints: [
      '是否取得试验检测等级证书并在有效期内',
      '持证检测人员是否满足等级标准要求',
      '仪器设备是否按规定检定或校准',
      '检测报告是否真实、规范并可追溯',
    ],
  },
  {
    category: 'general', group: '路政管理', name: '涉路工程建设项目抽查',
    basis: [LAW.highway4445, LAW.roadProtection27], dept: 'GLYH', level: 'county', objectType: 'road_project',
    content: '涉路施工许可、按许可方案施工、交通安全设施设置、公路恢复',
    methods: ['on_site', 'documents'], ratioBp: 500, frequency: '1次/年', tags: ['路政'], industries: ['涉路施工'],
    remarks: '属地负责', method: '现场核对施工位置和方案，查阅涉路施工许可文件',
    checkpoints: [
      '是否取得涉路施工许可',
      '是否按许可的位置、范围、期限和技术方案施工',
      '施工路段是否按规定设置安全警示标志和防护设施',
      '施工结束后是否按规定恢复公路原状并通过验收',
    ],
  },
  {
    category: 'general', group: '路政管理', name: '超限运输车辆的监督检查',
    basis: [LAW.highway50, LAW.roadProtection, LAW.overload], dept: 'ZHZF', level: 'county', objectType: 'vehicle',
    content: '车辆装载、超限运输许可、车辆外廓和轴荷',
    methods: ['on_site', 'testing'], ratioBp: 500, frequency: '1次/年', tags: ['超限治理'], industries: ['道路货运', '危险货物运输'],
    remarks: '与公安交管联合实施；源头企业可纳入道路普货检查', method: '现场称重检测，核对超限运输许可和车辆行驶证',
    checkpoints: [
      '车货总质量和轴荷是否在限定标准以内',
      '超限运输是否取得超限运输车辆通行证',
      '是否按通行证核定的时间、路线和速度行驶',
      '车辆是否存在非法改装、加装',
    ],
  },
  {
    category: 'general', group: '水路运输', name: '国内水路运输经营的监督检查',
    basis: [LAW.waterway, LAW.waterwayRules], dept: 'YSGL', level: 'county', objectType: 'entity',
    content: '水路运输经营资质、船舶和船员配备、安全管理',
    methods: ['on_site', 'documents'], ratioBp: 1000, frequency: '1次/年', tags: ['水路运输'], industries: ['水路运输'],
    remarks: '库区旅游客运', method: FIELD_AND_PAPER,
    checkpoints: [
      '是否取得国内水路运输经营许可且在有效期内',
      '营运船舶是否持有有效的船舶营运证',
      '船员是否按规定配备并持有适任证书',
      '是否建立安全生产管理制度和台账',
      '是否配备救生、消防设备并定期检查',
    ],
  },
];

function pad3(n: number): string {
  return String(n).padStart(3, '0');
}

/** The item list; pure constant data (no randomness). */
export function buildDemoItems(): DemoItem[] {
  return specs.map((spec, index) => {
    const code = `${DEMO_ITEM_CODE_PREFIX}${pad3(index + 1)}`;
    const legalBasis = spec.basis.join('；');
    return {
      code,
      category: spec.category,
      group: spec.group,
      name: spec.name,
      legalBasis,
      responsibleDepartmentCode: spec.dept,
      supervisionLevel: spec.level,
      objectType: spec.objectType,
      content: spec.content,
      methods: [...spec.methods],
      defaultRatioBp: spec.ratioBp,
      frequency: spec.frequency,
      requiredTags: [...spec.tags],
      industries: [...spec.industries],
      remarks: spec.remarks,
      guideline: {
        content: spec.content,
        method: spec.method,
        basis: legalBasis,
        checkpoints: spec.checkpoints.map((text, i) => ({ code: `${code}-${String(i + 1).padStart(2, '0')}`, text })),
      },
    };
  });
}
