/**
 * 归档前完整性检查 (issue #7): what a task still lacks before it may be archived. Every item
 * is one line of Chinese naming the object it concerns; the list is empty exactly when the
 * task may be archived.
 *
 * The rules:
 * - the task has a completed draw (抽取已完成), and every participating department has
 *   confirmed its dispatched list (派发确认);
 * - for every drawn object: the inspection exists and its result is published (已公示);
 *   the signatures are complete (every team member and the entity's representative, or one
 *   signed paper form); there is at least one evidence file (检查证据: a photo, a record or the
 *   signed paper form — decided per inspection, not only for results with problems, because
 *   a "未发现问题" result needs proof as much as a finding does, and the anomaly flags treat
 *   missing evidence as a flag for every result); and every follow-up (后续处置) is closed.
 */

export type MissingKind =
  | 'draw_not_completed'
  | 'dispatch_unconfirmed'
  | 'inspection_missing'
  | 'result_not_published'
  | 'signatures_missing'
  | 'evidence_missing'
  | 'follow_up_open';

export interface MissingItem {
  kind: MissingKind;
  /** The object concerned (统一社会信用代码 or object code); null for the task or the draw. */
  objectKey: string | null;
  message: string;
}

export interface ObjectFacts {
  key: string;
  name: string;
  /** null: no inspection was opened for the object. */
  inspection: {
    published: boolean;
    /** The Chinese label of the current status (e.g. 待审核). */
    statusLabel: string;
    /** Who has not signed yet (e.g. "检查人员 张三", "被检查对象代表"); empty when complete. */
    missingSignatures: readonly string[];
    evidenceCount: number;
    /** Status of every follow-up of the result ('closed' = 已完结). */
    followUpStatuses: readonly string[];
  } | null;
}

export interface CompletenessFacts {
  /** The task's current draw: null when there is none (not frozen, or abandoned). */
  draw: { drawId: string; completed: boolean; statusLabel: string } | null;
  /** The participating departments and whether each confirmed the dispatched list. */
  dispatch: readonly { departmentName: string; confirmed: boolean }[];
  /** Every drawn object of the completed draw, in the draw's order. */
  objects: readonly ObjectFacts[];
}

export const closedFollowUpStatus = 'closed';

function objectLabel(o: ObjectFacts): string {
  return o.name === '' ? `检查对象 ${o.key}` : `检查对象 ${o.name}（${o.key}）`;
}

export function missingForArchive(facts: CompletenessFacts): MissingItem[] {
  const missing: MissingItem[] = [];
  if (facts.draw === null) {
    return [{ kind: 'draw_not_completed', objectKey: null, message: '任务尚无抽取：须冻结并完成抽取后才能归档' }];
  }
  if (!facts.draw.completed) {
    return [{ kind: 'draw_not_completed', objectKey: null, message: `抽取 ${facts.draw.drawId} 尚未完成（${facts.draw.statusLabel}），不能归档` }];
  }
  for (const d of facts.dispatch) {
    if (!d.confirmed) missing.push({ kind: 'dispatch_unconfirmed', objectKey: null, message: `${d.departmentName} 尚未确认抽取 ${facts.draw.drawId} 派发的名单` });
  }
  for (const o of facts.objects) {
    const label = objectLabel(o);
    const i = o.inspection;
    if (i === null) {
      missing.push({ kind: 'inspection_missing', objectKey: o.key, message: `${label}：尚未开展检查（无检查记录）` });
      continue;
    }
    if (!i.published) missing.push({ kind: 'result_not_published', objectKey: o.key, message: `${label}：检查结果尚未公示（当前为“${i.statusLabel}”）` });
    if (i.missingSignatures.length > 0) {
      missing.push({ kind: 'signatures_missing', objectKey: o.key, message: `${label}：签字不完整，缺少${i.missingSignatures.join('、')}的签字` });
    }
    if (i.evidenceCount === 0) missing.push({ kind: 'evidence_missing', objectKey: o.key, message: `${label}：没有检查证据（至少一份照片、笔录或签字检查表）` });
    const open = i.followUpStatuses.filter((s) => s !== closedFollowUpStatus).length;
    if (open > 0) missing.push({ kind: 'follow_up_open', objectKey: o.key, message: `${label}：有 ${open} 项后续处置尚未完结` });
  }
  return missing;
}
