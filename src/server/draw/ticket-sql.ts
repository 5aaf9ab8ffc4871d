/*
 * suiji-draw-v1 computed where the data is (DESIGN.md "The draw runs where the data is"):
 * SQL text that gives, in PostgreSQL 15+ and PGlite, exactly the tickets, list hashes and
 * selection of src/domain/draw. Only SQL text is built here; values always travel as
 * parameters. The seed must already be normalised (normaliseSeed: digits only).
 *
 * Ordering: tickets are lowercase hex, keys any Unicode. PostgreSQL orders text by the
 * column's collation (a Debian cluster collates C.UTF-8 or a locale), so every ORDER BY uses
 * COLLATE "C": byte order of UTF-8, which is Unicode code point order as the standard requires.
 */

/**
 * SQL expression of a ticket: SHA-256("suiji-draw-v1\n" + seed + "\n" + drawId + "\n" + key) in hex.
 * Arguments are SQL expressions (placeholders such as `$1` or column names), not values.
 */
export function drawTicketSql(seed: string, drawId: string, key: string): string {
  return `encode(sha256(convert_to('suiji-draw-v1' || chr(10) || ${seed} || chr(10) || ${drawId} || chr(10) || ${key}, 'UTF8')), 'hex')`;
}

/** SQL expression of an officer ticket (suiji-match-v1). */
export function matchTicketSql(seed: string, drawId: string, objectKey: string, officerKey: string): string {
  return `encode(sha256(convert_to('suiji-match-v1' || chr(10) || ${seed} || chr(10) || ${drawId} || chr(10) || ${objectKey} || chr(10) || ${officerKey}, 'UTF8')), 'hex')`;
}

/**
 * Aggregate SQL expression of the list hash of the keys in a group: SHA-256 of the keys sorted
 * by code point, each followed by a line feed (the empty group hashes the empty string).
 */
export function listHashSql(key: string): string {
  return `encode(sha256(convert_to(coalesce(string_agg(${key} || chr(10), '' ORDER BY ${key} COLLATE "C"), ''), 'UTF8')), 'hex')`;
}

/**
 * SQL expression of the raw ticket digest (bytea). bytea compares byte by byte, which is the
 * order of the lowercase hex tickets: sorting by the digest and encoding only the selected
 * rows is cheaper than sorting a million 64-character strings.
 */
export function drawDigestSql(seed: string, drawId: string, key: string): string {
  return `sha256(convert_to('suiji-draw-v1' || chr(10) || ${seed} || chr(10) || ${drawId} || chr(10) || ${key}, 'UTF8'))`;
}

/**
 * A query selecting every stratum's quota by ticket, in draw order. `candidates` is a relation
 * (table name or parenthesised subquery) with text columns `stratum` and `key`.
 * Parameters: $1 seed (normalised), $2 drawId, $3 text[] stratum names, $4 int[] their quotas
 * (computed with quotaOf). Rows: stratum, key, ticket (hex), rank (1-based within the stratum).
 */
export function drawSelectionSql(candidates: string): string {
  return `SELECT r.stratum, r.key, encode(r.digest, 'hex') AS ticket, r.rank::int AS rank
FROM (
  SELECT t.stratum, t.key, t.digest,
         row_number() OVER (PARTITION BY t.stratum ORDER BY t.digest, t.key COLLATE "C") AS rank
  FROM (SELECT c.stratum, c.key, ${drawDigestSql('$1::text', '$2::text', 'c.key')} AS digest FROM ${candidates} c) t
) r
JOIN unnest($3::text[], $4::int[]) AS q(stratum, quota) ON q.stratum = r.stratum
WHERE r.rank <= q.quota
ORDER BY r.digest, r.key COLLATE "C"`;
}

/** Row of drawSelectionSql. */
export interface SelectionRow {
  stratum: string;
  key: string;
  ticket: string;
  rank: number;
}
