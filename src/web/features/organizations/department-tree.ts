import type { Department } from '../../../contracts/organizations.ts';

export interface DepartmentNode {
  department: Department;
  children: DepartmentNode[];
}

function compare(a: Department, b: Department): number {
  return a.sortOrder - b.sortOrder || a.code.localeCompare(b.code) || a.name.localeCompare(b.name, 'zh-CN');
}

/**
 * Builds the tree from the flat list the API returns. A department whose parent is not
 * in the list (e.g. a department admin sees only their part) becomes a root.
 */
export function buildDepartmentTree(departments: readonly Department[]): DepartmentNode[] {
  const byId = new Map<string, DepartmentNode>();
  for (const department of departments) byId.set(department.id, { department, children: [] });
  const roots: DepartmentNode[] = [];
  for (const node of byId.values()) {
    const parent = node.department.parentId ? byId.get(node.department.parentId) : undefined;
    if (parent && !createsCycle(node, parent, byId)) parent.children.push(node);
    else roots.push(node);
  }
  const sort = (nodes: DepartmentNode[]): DepartmentNode[] => {
    nodes.sort((a, b) => compare(a.department, b.department));
    for (const n of nodes) sort(n.children);
    return nodes;
  };
  return sort(roots);
}

function createsCycle(node: DepartmentNode, parent: DepartmentNode, byId: Map<string, DepartmentNode>): boolean {
  const seen = new Set<string>([node.department.id]);
  let current: DepartmentNode | undefined = parent;
  while (current) {
    if (seen.has(current.department.id)) return true;
    seen.add(current.department.id);
    current = current.department.parentId ? byId.get(current.department.parentId) : undefined;
  }
  return false;
}

/** Ids of a department and everything below it (a department cannot move under these). */
export function subtreeIds(nodes: readonly DepartmentNode[], id: string): Set<string> {
  const result = new Set<string>();
  const collect = (node: DepartmentNode) => {
    result.add(node.department.id);
    node.children.forEach(collect);
  };
  const find = (list: readonly DepartmentNode[]): boolean => list.some((node) => {
    if (node.department.id === id) {
      collect(node);
      return true;
    }
    return find(node.children);
  });
  find(nodes);
  return result;
}

/** The shape antd Tree and TreeSelect take. */
export interface DepartmentTreeData {
  key: string;
  value: string;
  title: string;
  disabled?: boolean;
  children: DepartmentTreeData[];
}

export function toTreeData(nodes: readonly DepartmentNode[], disabledIds: ReadonlySet<string> = new Set()): DepartmentTreeData[] {
  return nodes.map((node) => ({
    key: node.department.id,
    value: node.department.id,
    title: node.department.name,
    disabled: disabledIds.has(node.department.id) || undefined,
    children: toTreeData(node.children, disabledIds),
  }));
}
