import { describe, expect, it } from 'vitest';
import { allLeaves, findLeafByPath, visibleMenuLabels } from './menu.ts';

describe('visibleMenuLabels', () => {
  it('shows an officer only what officers work with', () => {
    expect(visibleMenuLabels(['officer'])).toEqual([
      '工作台', '一单两库一指引', '检查对象名录', '抽查工作指引', '我的检查', '后续处置', '个人设置', '修改密码', 'API 令牌',
    ]);
  });

  it('shows the system administrator the directories, plans, oversight and all of system management', () => {
    expect(visibleMenuLabels(['system_admin'])).toEqual([
      '工作台', '一单两库一指引', '抽查事项', '检查对象名录', '执法人员名录', '抽查工作指引',
      '抽查计划与任务', '年度抽查计划', '抽查任务', '后续处置', '督导考核', '督导看板', '回访记录',
      '系统管理', '用户管理', '机构管理', '审计日志', '个人设置', '修改密码', 'API 令牌',
    ]);
  });

  it('shows a department administrator who is also an officer the union of both', () => {
    expect(visibleMenuLabels(['department_admin', 'officer'])).toEqual([
      '工作台', '一单两库一指引', '抽查事项', '检查对象名录', '执法人员名录', '抽查工作指引',
      '抽查计划与任务', '年度抽查计划', '抽查任务', '我的检查', '结果审核与公示', '后续处置',
      '系统管理', '用户管理', '个人设置', '修改密码', 'API 令牌',
    ]);
  });

  it('gives oversight the audit log but not user management', () => {
    const labels = visibleMenuLabels(['oversight']);
    expect(labels).toContain('审计日志');
    expect(labels).toContain('督导考核');
    expect(labels).toContain('后续处置');
    expect(labels).not.toContain('用户管理');
    expect(labels).not.toContain('结果审核与公示');
  });

  it('gives a leader review, oversight and plans, but no system management', () => {
    expect(visibleMenuLabels(['leader'])).toEqual([
      '工作台', '一单两库一指引', '抽查事项', '检查对象名录', '执法人员名录', '抽查工作指引',
      '抽查计划与任务', '年度抽查计划', '抽查任务', '结果审核与公示', '后续处置', '督导考核', '督导看板', '回访记录', '个人设置', '修改密码', 'API 令牌',
    ]);
  });
});

describe('menu definition', () => {
  it('has unique keys and paths, and planned pages say what they will offer', () => {
    const leaves = allLeaves();
    expect(new Set(leaves.map((l) => l.key)).size).toBe(leaves.length);
    expect(new Set(leaves.map((l) => l.path)).size).toBe(leaves.length);
    for (const leaf of leaves.filter((l) => l.status === 'planned')) {
      expect(leaf.plannedFeatures?.length, leaf.key).toBeGreaterThan(0);
    }
    expect(findLeafByPath('/admin/users')?.label).toBe('用户管理');
  });
});
