/** The portal's sections. `ready: false` ones show 建设中 with what they will publish. */
export interface PortalPage {
  key: string;
  label: string;
  ready: boolean;
  description: string;
}

export const portalHome: PortalPage = { key: 'home', label: '首页', ready: true, description: '' };

export const portalPages: readonly PortalPage[] = [
  portalHome,
  {
    key: 'items', label: '抽查事项清单', ready: true,
    description: '公开本部门随机抽查事项清单：抽查依据、抽查主体、抽查对象、抽查内容和抽查方式，以及重点检查事项与一般检查事项的分类。',
  },
  {
    key: 'plans', label: '抽查计划', ready: true,
    description: '公开年度抽查计划及其调整记录（调整前的版本与调整理由一并保留）。',
  },
  {
    key: 'tasks', label: '抽查任务与抽取记录', ready: true,
    description: '公开每个抽查任务的候选名单哈希、随机种子和抽取记录，任何人都可以在浏览器中或用 suiji verify 命令重新计算，核对抽取结果。',
  },
  {
    key: 'results', label: '抽查结果', ready: true,
    description: '公开抽查结果，自检查结束之日起 20 个工作日内公示；更正以新版本发布并说明理由。',
  },
];

export function pageFromHash(hash: string): PortalPage {
  const key = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return portalPages.find((page) => page.key === key) ?? portalHome;
}

/** What follows the page in the hash: `#/tasks/QXJT-2026-001` → ['QXJT-2026-001']. */
export function subPathFromHash(hash: string): string[] {
  return hash.replace(/^#\/?/, '').split('?')[0]?.split('/').slice(1).filter(Boolean).map((part) => {
    try {
      return decodeURIComponent(part);
    } catch {
      return part;
    }
  }) ?? [];
}
