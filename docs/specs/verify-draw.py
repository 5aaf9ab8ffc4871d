#!/usr/bin/env python3
"""Recompute a suiji-draw-v1 / suiji-match-v1 computation document (spec §6) with the
Python standard library only:  python3 verify-draw.py input.json > output.json
Input checks (duplicates, team sizes …) are left out: this recomputes valid draws."""
import hashlib, json, re, sys

def H(s): return hashlib.sha256(s.encode('utf-8')).hexdigest()

doc = json.load(open(sys.argv[1], encoding='utf-8'))
seed, d = re.sub(r'\s', '', doc['seed']), doc['drawId']
assert re.fullmatch(r'[0-9]{20,}', seed, re.ASCII), 'the seed needs 20 or more digits'
out, chosen = {'strata': []}, []
for s in sorted(doc['strata'], key=lambda s: s['name']):  # Python compares str by code point
    keys, q = s['candidates'], s['quota']
    n = len(keys)
    quota = min(n, q['count']) if 'count' in q else min(n, (n * q['ratioBp'] + 9999) // 10000)
    ranked = sorted((H(f'suiji-draw-v1\n{seed}\n{d}\n{k}'), k) for k in keys)[:quota]
    chosen += ranked
    out['strata'].append({'name': s['name'], 'n': n, 'quota': quota,
                          'listHash': H(''.join(k + '\n' for k in sorted(keys))),
                          'selected': [k for _, k in ranked],
                          'cutoffTicket': ranked[-1][0] if ranked else None})
out['order'] = [k for _, k in sorted(chosen)]
out['assignments'] = None
m = doc.get('matching')
if m:
    load = {o['key']: 0 for o in m['officers']}
    recused = {tuple(p) for p in m['recusals']}
    pool = [o for o in m['officers'] if all(t in o['tags'] for t in m['requiredTags'])]
    slots = sorted(m['requiredDepartments']) + [None] * (m['teamSize'] - len(m['requiredDepartments']))
    out['assignments'] = []
    for obj in out['order']:
        team = []
        for dep in slots:
            ok = [o['key'] for o in pool if o['key'] not in team and (o['key'], obj) not in recused
                  and dep in (None, o['department'])]
            if not ok: sys.exit(f'no eligible officer: object {obj}, slot {dep or "open"}')
            best = min(ok, key=lambda k: (load[k], H(f'suiji-match-v1\n{seed}\n{d}\n{obj}\n{k}'), k))
            team.append(best)
            load[best] += 1
        out['assignments'].append({'object': obj, 'officers': team})
print(json.dumps(out, ensure_ascii=False, indent=1))
