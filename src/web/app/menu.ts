import type { Role } from '../../contracts/roles.ts';

/**
 * The side menu of the staff app, defined once: every entry lists the roles that see it.
 * The layout renders it, the router guards pages with it, and the browser tests check
 * each demo role against it.
 */
export type MenuIcon =
  | 'dashboard' | 'directories' | 'plans' | 'inspections' | 'review' | 'followups'
  | 'oversight' | 'admin' | 'account';

export interface MenuLeaf {
  key: string;
  label: string;
  /** Absolute path of the page in the staff app. */
  path: string;
  roles: readonly Role[] | 'all';
  /** 'ready' pages work now; 'planned' ones show a 建设中 page naming what will be there. */
  status: 'ready' | 'planned';
  /** For planned pages: what the page will offer. */
  plannedFeatures?: readonly string[];
  icon?: MenuIcon;
}

export interface MenuGroup {
  key: string;
  label: string;
  icon: MenuIcon;
  children: readonly MenuLeaf[];
}

export type MenuEntry = MenuLeaf | MenuGroup;

const ALL = 'all' as const;
const DIRECTORY_ROLES: readonly Role[] = ['system_admin', 'department_admin', 'oversight', 'leader'];
const PLAN_ROLES: readonly Role[] = ['system_admin', 'department_admin', 'leader', 'oversight'];
const OVERSIGHT_ROLES: readonly Role[] = ['oversight', 'leader', 'system_admin'];

export const menu: readonly MenuEntry[] = [
  { key: 'dashboard', label: '工作台', path: '/', roles: ALL, status: 'ready', icon: 'dashboard' },
  {
    key: 'directories', label: '一单两库一指引', icon: 'directories',
    children: [
      {
        key: 'items', label: '抽查事项', path: '/directories/items', roles: DIRECTORY_ROLES, status: 'ready',
        plannedFeatures: ['随机抽查事项清单的维护与认领（省/市/县监管层级）', '重点检查事项与一般检查事项分类', '抽查依据、检查对象、检查内容与方式', '清单发布与版本留痕'],
      },
      {
        // Officers read the directory (read-only: the page hides editing) to prepare inspections.
        key: 'entities', label: '检查对象名录', path: '/directories/entities', roles: [...DIRECTORY_ROLES, 'officer'], status: 'ready',
        plannedFeatures: ['主体类监管对象（统一社会信用代码校验）与非主体类监管对象', '行业类别、重点领域与信用风险分类', '批量导入，逐行说明被拒原因', '新设主体认领'],
      },
      {
        key: 'officers', label: '执法人员名录', path: '/directories/officers', roles: DIRECTORY_ROLES, status: 'ready',
        plannedFeatures: ['执法人员与执法证号', '业务专长与执法资质', '专家库', '回避关系登记', '批量导入'],
      },
      {
        key: 'guidelines', label: '抽查工作指引', path: '/directories/guidelines',
        roles: [...DIRECTORY_ROLES, 'officer'], status: 'ready',
        plannedFeatures: ['每个抽查事项的检查内容、方式与依据', '检查要点清单（是/否/未检查/合理缺项）', '指引的版本与发布'],
      },
    ],
  },
  {
    key: 'planning', label: '抽查计划与任务', icon: 'plans',
    children: [
      {
        key: 'plans', label: '年度抽查计划', path: '/plans', roles: PLAN_ROLES, status: 'ready',
        plannedFeatures: ['年度抽查计划编制与覆盖率测算（不低于 3%）', '计划审批、发布与调整（留存原版本及调整理由）'],
      },
      {
        key: 'tasks', label: '抽查任务', path: '/tasks', roles: PLAN_ROLES, status: 'ready',
        plannedFeatures: ['实施方案：事项、范围、分层比例与组队规则', '冻结候选名单并公布哈希', '公开随机种子、抽取与匹配执法人员', '一企一表与任务派发'],
      },
    ],
  },
  {
    key: 'my-inspections', label: '我的检查', path: '/inspections', roles: ['officer'], status: 'ready', icon: 'inspections',
    plannedFeatures: ['分派给我的检查对象与一企一表', '按检查要点录入结果、上传证据与签名', '暂存与提交审核'],
  },
  {
    key: 'review', label: '结果审核与公示', path: '/results', roles: ['department_admin', 'leader'], status: 'ready', icon: 'review',
    plannedFeatures: ['检查结果审核', '20 个工作日公示期限提醒', '结果公示与更正'],
  },
  {
    key: 'followups', label: '后续处置', path: '/followups', roles: ['department_admin', 'officer', 'oversight', 'leader', 'system_admin'], status: 'ready', icon: 'followups',
    plannedFeatures: ['发现问题的后续处置与移送', '闭环跟踪至处理结果', '归档与回访'],
  },
  {
    key: 'oversight', label: '督导考核', icon: 'oversight',
    children: [
      {
        key: 'oversight-dashboard', label: '督导看板', path: '/oversight', roles: OVERSIGHT_ROLES, status: 'ready',
        plannedFeatures: ['各部门计划执行、抽查比例与公示及时性统计', '异常提示', '年度考核评分与信息报送'],
      },
      { key: 'callbacks', label: '回访记录', path: '/oversight/callbacks', roles: OVERSIGHT_ROLES, status: 'ready' },
    ],
  },
  {
    key: 'admin', label: '系统管理', icon: 'admin',
    children: [
      { key: 'users', label: '用户管理', path: '/admin/users', roles: ['system_admin', 'department_admin'], status: 'ready' },
      { key: 'organizations', label: '机构管理', path: '/admin/organizations', roles: ['system_admin'], status: 'ready' },
      { key: 'audit', label: '审计日志', path: '/admin/audit', roles: ['system_admin', 'oversight'], status: 'ready' },
    ],
  },
  {
    key: 'account', label: '个人设置', icon: 'account',
    children: [
      { key: 'password', label: '修改密码', path: '/account/password', roles: ALL, status: 'ready' },
      { key: 'tokens', label: 'API 令牌', path: '/account/tokens', roles: ALL, status: 'ready' },
    ],
  },
];

export function isGroup(entry: MenuEntry): entry is MenuGroup {
  return 'children' in entry;
}

export function canSee(leaf: MenuLeaf, userRoles: readonly Role[]): boolean {
  return leaf.roles === 'all' || leaf.roles.some((role) => userRoles.includes(role));
}

/** The menu as a user with these roles sees it: leaves they may open, groups with at least one. */
export function visibleMenu(userRoles: readonly Role[]): MenuEntry[] {
  const result: MenuEntry[] = [];
  for (const entry of menu) {
    if (isGroup(entry)) {
      const children = entry.children.filter((leaf) => canSee(leaf, userRoles));
      if (children.length > 0) result.push({ ...entry, children });
    } else if (canSee(entry, userRoles)) {
      result.push(entry);
    }
  }
  return result;
}

/** Labels in display order (group label, then its children), as the side menu shows them. */
export function visibleMenuLabels(userRoles: readonly Role[]): string[] {
  return visibleMenu(userRoles).flatMap((entry) =>
    isGroup(entry) ? [entry.label, ...entry.children.map((leaf) => leaf.label)] : [entry.label]);
}

export function allLeaves(): MenuLeaf[] {
  return menu.flatMap((entry) => (isGroup(entry) ? [...entry.children] : [entry]));
}

export function findLeafByPath(path: string): MenuLeaf | undefined {
  return allLeaves().find((leaf) => leaf.path === path);
}

/** The group that holds a path, so the layout can keep it open. */
export function groupKeyOf(path: string): string | undefined {
  return menu.find((entry) => isGroup(entry) && entry.children.some((leaf) => leaf.path === path))?.key;
}
