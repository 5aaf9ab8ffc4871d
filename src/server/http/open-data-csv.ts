import type { FastifyReply } from 'fastify';

/**
 * Open data as CSV: every public listing can be downloaded as CSV as well as JSON. UTF-8 with a
 * BOM (so Excel shows the Chinese), CRLF lines, and cells that would start a spreadsheet
 * formula (=, +, -, @) neutralised with a leading apostrophe.
 */
export function csvCell(text: string): string {
  const safe = /^[=+\-@]/u.test(text) ? `'${text}` : text;
  return /[",\r\n]/u.test(safe) ? `"${safe.replace(/"/gu, '""')}"` : safe;
}

export function toCsv(headings: readonly string[], rows: readonly (readonly string[])[]): string {
  const lines = [headings.map(csvCell).join(','), ...rows.map((row) => row.map(csvCell).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/**
 * A paged public listing downloaded as CSV comes whole: its first page of this many rows (a
 * county's items and tasks number in the tens, a province's in the hundreds).
 */
export const openDataAllRows = { page: 1, pageSize: 10_000 } as const;

/** Sends a CSV as an attachment named `fileName` (UTF-8, RFC 5987), with an ASCII fallback name. */
export function sendCsv(reply: FastifyReply, fileName: string, csv: string) {
  return reply.type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="open-data.csv"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    .send(csv);
}
