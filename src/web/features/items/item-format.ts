import {
  formatRatioBp, itemCategoryLabels, itemFieldLabels, itemObjectTypeLabels, itemSourceLabels, itemStatusLabels, supervisionLevelLabels,
} from '../../../contracts/items.ts';
import type { Item } from '../../../contracts/items.ts';
import type { Department } from '../../../contracts/organizations.ts';
import { verificationMethodLabels, type VerificationMethod } from '../../../domain/result/result-codes.ts';
import { formatDateTime } from '../../components/format.ts';

function labelOf(labels: Record<string, string>, value: unknown): string {
  return typeof value === 'string' ? labels[value] ?? value : '—';
}

/** A snapshot value as staff read it: labels instead of codes, department names instead of ids. */
export function formatItemValue(field: string, value: unknown, departments: readonly Department[]): string {
  if (value === null || value === undefined || value === '') return '—';
  switch (field) {
    case 'category': return labelOf(itemCategoryLabels, value);
    case 'status': return labelOf(itemStatusLabels, value);
    case 'supervisionLevel': return labelOf(supervisionLevelLabels, value);
    case 'objectType': return labelOf(itemObjectTypeLabels, value);
    case 'source': return labelOf(itemSourceLabels, value);
    case 'methods':
      return Array.isArray(value) && value.length > 0 ? value.map((m) => verificationMethodLabels[m as VerificationMethod] ?? String(m)).join('、') : '—';
    case 'defaultRatioBp': return typeof value === 'number' ? formatRatioBp(value) : '—';
    case 'responsibleDepartmentId':
    case 'claimedByDepartmentId':
      return departments.find((d) => d.id === value)?.name ?? String(value);
    case 'claimedAt':
    case 'retiredAt':
      return formatDateTime(String(value));
    default:
      if (Array.isArray(value)) return value.length > 0 ? value.map(String).join('、') : '—';
      return String(value);
  }
}

export function fieldLabel(field: string): string {
  return itemFieldLabels[field] ?? field;
}

/** Whether the signed-in user may change the item (mirrors canManageItem on the server). */
export function canManageItem(user: { roles: readonly string[]; departmentId: string | null }, item: Pick<Item, 'responsibleDepartmentId' | 'claimedByDepartmentId'>): boolean {
  if (user.roles.includes('system_admin')) return true;
  if (!user.roles.includes('department_admin') || user.departmentId === null) return false;
  return item.responsibleDepartmentId === user.departmentId || item.claimedByDepartmentId === user.departmentId;
}

