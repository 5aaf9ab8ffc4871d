import type { OneIndustryTemplate } from '../../../contracts/tasks.ts';

/**
 * 一业一查 (one industry, one inspection): the checks several departments make on one industry
 * are merged into one joint task, so that a firm is visited once (domain-rules §1 row 13).
 *
 * How an item maps to an industry — the rule, decided from the item's fields (§4.1):
 *  - An item belongs to industry X when its 适用行业 list (`industries`) names X. The names
 *    are compared after NFKC normalisation and with all white space removed, so that a
 *    full-width or spaced spelling ("道路 货运", "道路货运 ") still matches; nothing fuzzier
 *    (no substring match: "道路货运" must not pull in "危险货物运输道路货运站" by accident).
 *  - An item without any 适用行业 is industry-neutral and is NOT included: a 一业一查 task
 *    merges the checks specific to the industry; a general item can still be added by hand.
 *  - When an object type (抽查对象) is asked for, the item's must be that one too.
 *  - Only usable items: in use (not retired) and claimed by a department — the claiming
 *    department is the one that takes part in the joint task for that item.
 */

export interface TemplateSourceItem {
  id: string;
  code: string;
  name: string;
  category: string;
  groupName: string;
  objectType: string;
  industries: readonly string[];
  status: string;
  claimedBy: { id: string; name: string } | null;
}

export function normaliseIndustry(name: string): string {
  return name.normalize('NFKC').replace(/\s+/gu, '');
}

export function itemMatchesIndustry(item: Pick<TemplateSourceItem, 'industries' | 'objectType'>, industry: string, objectType?: string): boolean {
  const wanted = normaliseIndustry(industry);
  if (wanted === '') return false;
  if (objectType !== undefined && item.objectType !== objectType) return false;
  return item.industries.some((i) => normaliseIndustry(i) === wanted);
}

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The template: the matching items grouped by claiming department (the department with the
 * most items first, then by name), and the prefilled joint task. The organiser is the
 * caller's own department when given (a department admin may only organise for it),
 * otherwise the department with the most items (the industry's competent department in
 * practice). Every department with items takes part, and the team rule asks for one officer
 * of each of them, so one visit covers every department's checks.
 */
export function buildOneIndustryTemplate(
  source: readonly TemplateSourceItem[],
  options: { industry: string; objectType?: string | undefined; organizerDepartmentId?: string | null | undefined },
): OneIndustryTemplate {
  const industry = options.industry.trim();
  const groups = new Map<string, { department: { id: string; name: string }; items: OneIndustryTemplate['departments'][number]['items'] }>();
  for (const item of source) {
    if (item.status !== 'active' || item.claimedBy === null) continue;
    if (!itemMatchesIndustry(item, industry, options.objectType)) continue;
    const group = groups.get(item.claimedBy.id) ?? { department: item.claimedBy, items: [] };
    group.items.push({
      id: item.id, code: item.code, name: item.name, category: item.category, groupName: item.groupName, objectType: item.objectType,
      industries: [...item.industries],
    });
    groups.set(item.claimedBy.id, group);
  }
  const departments = [...groups.values()]
    .map((g) => ({ department: g.department, items: [...g.items].sort((a, b) => byCodePoint(a.code, b.code)) }))
    .sort((a, b) => b.items.length - a.items.length || byCodePoint(a.department.name, b.department.name));
  const departmentIds = departments.map((g) => g.department.id);
  const organizer = options.organizerDepartmentId ?? departmentIds[0] ?? null;
  // The organiser first (the server would add it anyway), then the others in group order.
  const participating = organizer === null ? departmentIds : [organizer, ...departmentIds.filter((d) => d !== organizer)];
  return {
    industry,
    departments,
    body: {
      name: `${industry}行业“一业一查”联合抽查`,
      organizerDepartmentId: organizer,
      participatingDepartmentIds: participating,
      itemIds: departments.flatMap((g) => g.items.map((i) => i.id)),
      scope: { industries: [industry], focusAreas: [], regionCodes: [], kinds: [], objectKinds: [], statuses: [], tags: [] },
      team: { teamSize: Math.max(2, departmentIds.length), requiredDepartmentIds: departmentIds, requiredTags: [] },
    },
  };
}
