import type { ItemRecord } from './items.repository.ts';

/** The fields staff edit, as stored in an item version and compared by imports. */
export const editableItemFields = [
  'code', 'category', 'groupName', 'name', 'legalBasis', 'responsibleDepartmentId', 'supervisionLevel', 'objectType',
  'content', 'methods', 'defaultRatioBp', 'frequency', 'requiredTags', 'industries', 'remarks', 'source',
] as const;
export type EditableItemField = (typeof editableItemFields)[number];
export type EditableItemValues = Pick<ItemRecord, EditableItemField>;

/** The whole item as one version keeps it: every business field, dates as ISO text. */
export function itemSnapshot(row: ItemRecord): Record<string, unknown> {
  return {
    code: row.code,
    status: row.status,
    category: row.category,
    groupName: row.groupName,
    name: row.name,
    legalBasis: row.legalBasis,
    responsibleDepartmentId: row.responsibleDepartmentId,
    supervisionLevel: row.supervisionLevel,
    objectType: row.objectType,
    content: row.content,
    methods: row.methods,
    defaultRatioBp: row.defaultRatioBp,
    frequency: row.frequency,
    requiredTags: row.requiredTags,
    industries: row.industries,
    remarks: row.remarks,
    source: row.source,
    claimedByDepartmentId: row.claimedByDepartmentId,
    claimedAt: row.claimedAt?.toISOString() ?? null,
    retiredAt: row.retiredAt?.toISOString() ?? null,
    retiredReason: row.retiredReason,
  };
}

/** The editable fields that differ: field → { from, to } (audit) — empty when nothing changed. */
export function editableChanges(before: EditableItemValues, after: EditableItemValues): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const field of editableItemFields) {
    if (JSON.stringify(before[field] ?? null) !== JSON.stringify(after[field] ?? null)) {
      changes[field] = { from: before[field] ?? null, to: after[field] ?? null };
    }
  }
  return changes;
}
