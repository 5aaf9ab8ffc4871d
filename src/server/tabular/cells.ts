/**
 * Normalising the cells of imported spreadsheets. Real files from bureaus arrive with
 * dates as Excel serial numbers, codes typed as numbers (leading zeros lost, 18-digit
 * codes rounded), full-width characters and stray spaces: each column says what it holds
 * and gets back a clean string or a Chinese reason why the cell is refused.
 */

export type CellValue = string | number | boolean | Date | null;

export type ColumnKind =
  /** free text, trimmed */
  | { type: 'text'; maxLength?: number }
  /** an identifier: upper-cased, no inner spaces; numbers turned back into digits */
  | { type: 'code'; length?: number }
  /** a calendar date, written YYYY-MM-DD */
  | { type: 'date' }
  /** a whole number */
  | { type: 'integer'; min?: number; max?: number }
  /** one of a fixed set of Chinese labels, mapped to an identifier */
  | { type: 'enum'; values: Readonly<Record<string, string>> }
  /** a list separated by 、，,;；| */
  | { type: 'list' };

export type CellResult = { ok: true; value: string | null } | { ok: false; reason: string };

const fullWidth = /[\uFF01-\uFF5E]/g;

/** Full-width ASCII (ＡＢＣ１２３) to half-width, ideographic space to space. */
export function toHalfWidth(text: string): string {
  return text.replace(fullWidth, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

const excelEpochMs = Date.UTC(1899, 11, 30);
const msPerDay = 86_400_000;

/** Excel's serial day number (1900 date system, as Excel and LibreOffice write it) to YYYY-MM-DD. */
export function excelSerialToIsoDate(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2_958_465) return null;
  const ms = excelEpochMs + Math.floor(serial) * msPerDay;
  return new Date(ms).toISOString().slice(0, 10);
}

function isValidIsoDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === text;
}

/** Accepts 2024-01-05, 2024/1/5, 2024.1.5, 2024年1月5日, 20240105 and Excel serials. */
export function parseDateText(raw: string): string | null {
  const text = toHalfWidth(raw).trim();
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text);
  if (!m) m = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (m) {
    const [, year = '', month = '', day = ''] = m;
    const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
    return isValidIsoDate(iso) ? iso : null;
  }
  if (/^\d{1,7}(\.\d+)?$/.test(text)) return excelSerialToIsoDate(Number(text));
  return null;
}

function cellToText(value: CellValue): string {
  if (value === null) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value);
}

/** Normalise one cell for its column; empty cells give `null` (whether that is allowed is the caller's rule). */
export function normaliseCell(value: CellValue, kind: ColumnKind): CellResult {
  if (value === null || (typeof value === 'string' && value.trim() === '')) return { ok: true, value: null };
  switch (kind.type) {
    case 'text': {
      // Free text keeps its full-width punctuation: registered names are written 示例运输（集团）有限公司.
      const text = cellToText(value).replace(/\s+/g, ' ').trim();
      if (kind.maxLength !== undefined && [...text].length > kind.maxLength) {
        return { ok: false, reason: `内容过长（最多 ${kind.maxLength} 个字）` };
      }
      return { ok: true, value: text };
    }
    case 'code': {
      if (typeof value === 'number') {
        if (!Number.isSafeInteger(value)) {
          return { ok: false, reason: '该代码被保存为数字，已丢失精度（超过 15 位的数字会被 Excel 改写）；请把该列设置为“文本”格式后重新填写' };
        }
        let digits = String(value);
        // A fixed-length numeric code whose leading zeros Excel dropped: put them back.
        if (kind.length !== undefined && digits.length < kind.length) digits = digits.padStart(kind.length, '0');
        return { ok: true, value: digits };
      }
      const text = toHalfWidth(cellToText(value)).replace(/\s+/g, '').toUpperCase();
      return { ok: true, value: text };
    }
    case 'date': {
      if (value instanceof Date) {
        return Number.isNaN(value.getTime()) ? { ok: false, reason: '日期无效' } : { ok: true, value: value.toISOString().slice(0, 10) };
      }
      if (typeof value === 'number') {
        const iso = excelSerialToIsoDate(value);
        return iso ? { ok: true, value: iso } : { ok: false, reason: `无法识别的日期：${value}` };
      }
      const iso = parseDateText(String(value));
      return iso ? { ok: true, value: iso } : { ok: false, reason: `无法识别的日期“${String(value)}”，请写成 2024-01-31` };
    }
    case 'integer': {
      const text = toHalfWidth(cellToText(value)).trim();
      if (!/^-?\d+$/.test(text)) return { ok: false, reason: `应为整数：“${text}”` };
      const n = Number(text);
      if (kind.min !== undefined && n < kind.min) return { ok: false, reason: `不能小于 ${kind.min}` };
      if (kind.max !== undefined && n > kind.max) return { ok: false, reason: `不能大于 ${kind.max}` };
      return { ok: true, value: String(n) };
    }
    case 'enum': {
      const text = toHalfWidth(cellToText(value)).trim();
      const mapped = kind.values[text] ?? Object.values(kind.values).find((v) => v === text);
      if (mapped === undefined) {
        return { ok: false, reason: `“${text}”不是有效值，可选：${Object.keys(kind.values).join('、')}` };
      }
      return { ok: true, value: mapped };
    }
    case 'list': {
      const parts = toHalfWidth(cellToText(value)).split(/[、，,;；|]/).map((s) => s.trim()).filter((s) => s !== '');
      return { ok: true, value: [...new Set(parts)].join('、') };
    }
  }
}
