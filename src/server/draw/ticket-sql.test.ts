import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { computeDraw } from '../../domain/draw/compute-draw.ts';
import { listHash } from '../../domain/draw/list-hash.ts';
import { quotaOf } from '../../domain/draw/quota.ts';
import { normaliseSeed } from '../../domain/draw/seed.ts';
import { drawTicketer, matchTicket } from '../../domain/draw/ticket.ts';
import type { DrawInput } from '../../domain/draw/types.ts';
import { drawSelectionSql, drawTicketSql, listHashSql, matchTicketSql, type SelectionRow } from './ticket-sql.ts';

const vector = (name: string) => JSON.parse(readFileSync(new URL(`../../domain/draw/vectors/${name}.input.json`, import.meta.url), 'utf8')) as DrawInput;
const seedOf = (input: DrawInput) => {
  const seed = normaliseSeed(input.seed);
  if (!seed.ok) throw new Error('bad seed in vector');
  return seed.value;
};

let db: PGlite;
beforeAll(async () => {
  db = new PGlite();
  await db.exec('CREATE TABLE draw_candidates (draw text NOT NULL, stratum text NOT NULL, key text NOT NULL, PRIMARY KEY (draw, key))');
  for (const name of ['02-risk-strata', '03-joint-recusal', '04-beyond-bmp', '06-empty-stratum']) {
    const input = vector(name);
    for (const s of input.strata) {
      await db.query('INSERT INTO draw_candidates SELECT $1, $2, unnest($3::text[])', [input.drawId, s.name, s.candidates]);
    }
  }
});
afterAll(async () => {
  await db.close();
});

describe('tickets in SQL', () => {
  it('equal the domain tickets for every key, including 冀B12345 and characters beyond the BMP', async () => {
    for (const name of ['03-joint-recusal', '04-beyond-bmp']) {
      const input = vector(name);
      const seed = seedOf(input);
      const { rows } = await db.query<{ key: string; ticket: string }>(
        `SELECT key, ${drawTicketSql('$1::text', '$2::text', 'key')} AS ticket FROM draw_candidates WHERE draw = $2`,
        [seed, input.drawId],
      );
      const ticket = drawTicketer(seed, input.drawId);
      expect(rows.length).toBe(input.strata.reduce((n, s) => n + s.candidates.length, 0));
      for (const row of rows) expect(row.ticket).toBe(ticket(row.key));
      expect(rows.map((r) => r.key)).toEqual(expect.arrayContaining(name === '03-joint-recusal' ? ['冀B12345', '冀B1234学'] : ['𠀀甲', 'ｚ']));
    }
  });

  it('equal the domain officer tickets', async () => {
    const { rows } = await db.query<{ t: string }>(`SELECT ${matchTicketSql('$1::text', '$2::text', '$3::text', '$4::text')} AS t`, ['12345678901234567890', 'D-1', '冀B12345', '𠀀01']);
    expect(rows[0]?.t).toBe(matchTicket('12345678901234567890', 'D-1', '冀B12345', '𠀀01'));
  });

  it('give the list hashes of the domain, sorting by code point with COLLATE "C"', async () => {
    for (const name of ['02-risk-strata', '04-beyond-bmp', '06-empty-stratum']) {
      const input = vector(name);
      const { rows } = await db.query<{ stratum: string; hash: string }>(
        `SELECT stratum, ${listHashSql('key')} AS hash FROM draw_candidates WHERE draw = $1 GROUP BY stratum`,
        [input.drawId],
      );
      for (const row of rows) {
        expect(row.hash).toBe(listHash(input.strata.find((s) => s.name === row.stratum)?.candidates ?? []));
      }
    }
    const empty = await db.query<{ hash: string }>(`SELECT ${listHashSql('key')} AS hash FROM draw_candidates WHERE false`);
    expect(empty.rows[0]?.hash).toBe(listHash([]));
  });

  it('select the same objects in the same draw order as the domain', async () => {
    for (const name of ['02-risk-strata', '03-joint-recusal', '04-beyond-bmp', '06-empty-stratum']) {
      const input = vector(name);
      const domain = computeDraw({ ...input, matching: undefined });
      if (!domain.ok) throw new Error('vector does not compute');
      const { rows } = await db.query<SelectionRow>(
        drawSelectionSql('(SELECT stratum, key FROM draw_candidates WHERE draw = $2)'),
        [seedOf(input), input.drawId, input.strata.map((s) => s.name), input.strata.map((s) => quotaOf(s.candidates.length, s.quota))],
      );
      expect(rows.map((r) => r.key)).toEqual(domain.value.order);
      for (const stratum of domain.value.strata) {
        const mine = rows.filter((r) => r.stratum === stratum.name).sort((a, b) => a.rank - b.rank);
        expect(mine.map((r) => r.key)).toEqual(stratum.selected);
        expect(mine.at(-1)?.ticket ?? null).toBe(stratum.cutoffTicket);
      }
    }
  });

  it('agree with the domain on random pools of any Unicode keys (property)', async () => {
    await db.exec('CREATE TABLE random_pool (stratum text NOT NULL, key text NOT NULL)');
    const key = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6 }).filter((k) => !k.includes('\n') && !k.includes('\u0000'));
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(key, { maxLength: 40 }),
        fc.array(fc.nat(2), { minLength: 40, maxLength: 40 }),
        fc.array(fc.integer({ min: 0, max: 10000 }), { minLength: 3, maxLength: 3 }),
        fc.stringMatching(/^[0-9]{20,24}$/),
        async (keys, strataOf, ratios, seed) => {
          const strata = ['𠀀', 'ｚ', 'A'].map((name, s) => ({ name, quota: { ratioBp: ratios[s] ?? 0 }, candidates: keys.filter((_, i) => strataOf[i] === s) }));
          const domain = computeDraw({ drawId: '抽-𠀀', seed, strata });
          if (!domain.ok) throw new Error('domain draw failed');
          await db.exec('TRUNCATE random_pool');
          for (const s of strata) await db.query('INSERT INTO random_pool SELECT $1, unnest($2::text[])', [s.name, s.candidates]);
          const { rows } = await db.query<SelectionRow>(drawSelectionSql('random_pool'), [
            seed, '抽-𠀀', strata.map((s) => s.name), strata.map((s) => quotaOf(s.candidates.length, s.quota)),
          ]);
          expect(rows.map((r) => r.key)).toEqual(domain.value.order);
          const hashes = await db.query<{ stratum: string; hash: string }>(`SELECT stratum, ${listHashSql('key')} AS hash FROM random_pool GROUP BY stratum`);
          for (const h of hashes.rows) expect(h.hash).toBe(domain.value.strata.find((s) => s.name === h.stratum)?.listHash);
        },
      ),
      { numRuns: 40 },
    );
  }, 120_000);
});
