/**
 * Why a draw cannot be computed (spec §6): the input is invalid, or matching failed.
 * Errors are values, never thrown. Each has an English `code` and a Chinese message.
 */

/** A slot of a team: one per required department (sorted), then the open slots. */
export type Slot =
  | { kind: 'department'; department: string; index: number }
  | { kind: 'open'; /** 1-based among the open slots. */ number: number; index: number };

export type DrawError =
  | { code: 'BAD_SEED'; reason: 'not-digits' | 'too-short'; digits: number }
  | { code: 'INVALID_DRAW_ID' }
  | { code: 'INVALID_STRATUM_NAME'; name: string }
  | { code: 'DUPLICATE_STRATUM_NAME'; name: string }
  | { code: 'INVALID_KEY'; key: string; of: 'candidate' | 'officer' }
  | { code: 'DUPLICATE_CANDIDATE_KEY'; key: string; strata: [string, string] }
  | { code: 'INVALID_QUOTA'; stratum: string }
  | { code: 'DUPLICATE_OFFICER_KEY'; key: string }
  | { code: 'TEAM_SIZE_TOO_SMALL'; teamSize: number }
  | { code: 'TEAM_SMALLER_THAN_DEPARTMENTS'; teamSize: number; departments: number }
  | { code: 'DUPLICATE_REQUIRED_DEPARTMENT'; department: string }
  | { code: 'NO_ELIGIBLE_OFFICER'; object: string; slot: Slot };

export type DrawErrorCode = DrawError['code'];

export type DrawResult<T> = { ok: true; value: T } | { ok: false; error: DrawError };

export function drawOk<T>(value: T): DrawResult<T> {
  return { ok: true, value };
}

export function drawFail<T>(error: DrawError): DrawResult<T> {
  return { ok: false, error };
}

/** The slot as people name it: 部门席位 '运输管理科' / 第 2 个开放席位. */
export function describeSlot(slot: Slot): { zh: string; en: string } {
  return slot.kind === 'department'
    ? { zh: `部门席位“${slot.department}”`, en: `department slot '${slot.department}'` }
    : { zh: `第 ${slot.number} 个开放席位`, en: `open slot #${slot.number}` };
}

/** The reason in Chinese (for users) and English (for logs and third parties). */
export function describeDrawError(error: DrawError): { zh: string; en: string } {
  switch (error.code) {
    case 'BAD_SEED':
      return error.reason === 'not-digits'
        ? { zh: '随机种子只能由数字组成（空白会被去除）', en: 'the seed must consist of decimal digits 0-9 (white space is removed)' }
        : { zh: `随机种子至少需要 20 位数字，当前只有 ${error.digits} 位`, en: `the seed needs at least 20 digits, it has ${error.digits}` };
    case 'INVALID_DRAW_ID':
      return { zh: '抽取编号不能包含换行符或无效字符', en: 'the drawId must not contain a line feed or a lone surrogate' };
    case 'INVALID_STRATUM_NAME':
      return { zh: `分层名称“${error.name}”不能包含换行符或无效字符`, en: `stratum name ${JSON.stringify(error.name)} must not contain a line feed or a lone surrogate` };
    case 'DUPLICATE_STRATUM_NAME':
      return { zh: `分层名称“${error.name}”重复`, en: `stratum name '${error.name}' appears twice` };
    case 'INVALID_KEY':
      return error.of === 'candidate'
        ? { zh: `候选对象代码 ${JSON.stringify(error.key)} 无效（不能为空、不能含换行符）`, en: `candidate key ${JSON.stringify(error.key)} is invalid (empty, line feed or lone surrogate)` }
        : { zh: `执法证号 ${JSON.stringify(error.key)} 无效（不能为空、不能含换行符）`, en: `officer key ${JSON.stringify(error.key)} is invalid (empty, line feed or lone surrogate)` };
    case 'DUPLICATE_CANDIDATE_KEY':
      return { zh: `候选对象“${error.key}”在本次抽取中出现两次（分层“${error.strata[0]}”与“${error.strata[1]}”）`, en: `candidate key '${error.key}' appears twice in the draw (strata '${error.strata[0]}' and '${error.strata[1]}')` };
    case 'INVALID_QUOTA':
      return { zh: `分层“${error.stratum}”的抽取数量无效：count 须为非负整数，ratioBp 须为 0–10000 的整数`, en: `invalid quota in stratum '${error.stratum}': count must be a non-negative integer, ratioBp an integer from 0 to 10000` };
    case 'DUPLICATE_OFFICER_KEY':
      return { zh: `执法人员“${error.key}”在人员库中出现两次`, en: `officer key '${error.key}' appears twice` };
    case 'TEAM_SIZE_TOO_SMALL':
      return { zh: `检查组人数至少为 2 人，当前为 ${error.teamSize}`, en: `team size must be an integer of at least 2, got ${error.teamSize}` };
    case 'TEAM_SMALLER_THAN_DEPARTMENTS':
      return { zh: `检查组人数 ${error.teamSize} 少于必须参加的部门数 ${error.departments}`, en: `team size ${error.teamSize} is below the number of required departments (${error.departments})` };
    case 'DUPLICATE_REQUIRED_DEPARTMENT':
      return { zh: `必须参加的部门“${error.department}”重复`, en: `required department '${error.department}' is listed twice` };
    case 'NO_ELIGIBLE_OFFICER': {
      const slot = describeSlot(error.slot);
      return { zh: `检查对象“${error.object}”的${slot.zh}没有符合条件的执法人员，匹配失败`, en: `no eligible officer for ${slot.en} of object '${error.object}': matching failed` };
    }
  }
}

/** One line: `[CODE] 中文原因 (English reason)`. */
export function formatDrawError(error: DrawError): string {
  const { zh, en } = describeDrawError(error);
  return `[${error.code}] ${zh} (${en})`;
}
