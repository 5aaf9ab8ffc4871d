import { makeUscc, checkUscc } from '../../../src/domain/uscc/uscc.ts';
import { normaliseCell } from '../../../src/server/tabular/cells.ts';
let bad = 0;
for (let i = 0; i < 100000; i++) {
  if (i % 100 === 37) continue;
  const u = makeUscc({ subject: 30_000_000 + i });
  const c = normaliseCell(u, { type: 'code' });
  const r = checkUscc(c.ok ? c.value ?? '' : '');
  if (!r.ok) { bad++; if (bad < 5) console.log(i, u, JSON.stringify(r)); }
}
console.log('bad', bad);
