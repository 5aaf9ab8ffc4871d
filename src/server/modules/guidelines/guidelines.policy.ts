import { itemsPolicy } from '../items/items.policy.ts';

/**
 * Guidelines (抽查工作指引) follow their item: everyone signed in reads them (officers use
 * them in the field); whoever may change the item writes a new guideline version
 * (canManageItem in items.policy.ts).
 */
export const guidelinesPolicy = {
  read: itemsPolicy.read,
  write: itemsPolicy.write,
} as const;

export { canManageItem } from '../items/items.policy.ts';
