import { describe, expect, it } from 'vitest';
import type { Department } from '../../../contracts/organizations.ts';
import { buildDepartmentTree, subtreeIds } from './department-tree.ts';

const dep = (id: string, parentId: string | null, sortOrder = 0, name = id): Department => ({
  id, parentId, name, kind: 'section', code: id, regionCode: '110101', sortOrder,
});

describe('buildDepartmentTree', () => {
  it('nests departments under their parents, ordered by sortOrder', () => {
    const tree = buildDepartmentTree([dep('b', 'root', 2), dep('root', null), dep('a', 'root', 1), dep('a1', 'a')]);
    expect(tree.map((n) => n.department.id)).toEqual(['root']);
    expect(tree[0]?.children.map((n) => n.department.id)).toEqual(['a', 'b']);
    expect(tree[0]?.children[0]?.children.map((n) => n.department.id)).toEqual(['a1']);
  });

  it('makes orphans roots and survives cycles', () => {
    const tree = buildDepartmentTree([dep('x', 'missing'), dep('p', 'q'), dep('q', 'p')]);
    const ids = tree.map((n) => n.department.id).sort();
    expect(ids).toContain('x');
    expect(ids.length).toBeGreaterThanOrEqual(2);
  });

  it('lists a subtree', () => {
    const tree = buildDepartmentTree([dep('root', null), dep('a', 'root'), dep('a1', 'a'), dep('b', 'root')]);
    expect([...subtreeIds(tree, 'a')].sort()).toEqual(['a', 'a1']);
  });
});
