import { useEffect, useState } from 'react';
import { Card, List, Space, Typography } from 'antd';
import { Link } from 'react-router';
import type { MyAssignments } from '../../../contracts/tasks.ts';
import { jointRecordPagePath, myAssignments } from '../../api/draws.ts';
import { problemText } from '../../components/problem-text.ts';
import { ContrastTag } from '../../components/contrast-tag.tsx';
import { confirmationLabel } from './draw-helpers.ts';

const toneColors = { success: 'green', warning: 'orange', error: 'red', processing: 'blue' } as const;

/**
 * 我的检查任务 on the dashboard: the signed-in officer's teams (after replacements), team-mates,
 * the object's 一企一表 and whether the department has confirmed the list. Hidden for accounts
 * not linked to an officer in 执法人员名录.
 */
export function MyAssignmentsCard() {
  const [data, setData] = useState<MyAssignments | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    myAssignments().then((d) => { if (!cancelled) setData(d); }).catch((e: unknown) => { if (!cancelled) setError(problemText(e)); });
    return () => { cancelled = true; };
  }, []);
  if (!error && (!data || !data.linked)) return null;
  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>我的检查任务</h2>}>
      {error ? <Typography.Text type="danger">{error}</Typography.Text> : (
        <List
          dataSource={data?.items ?? []} locale={{ emptyText: '暂无派发给您的检查任务' }}
          renderItem={(a) => {
            const label = a.confirmation ? confirmationLabel({ ...a.confirmation, late: false }, a.confirmation.deadline, false) : null;
            return (
              <List.Item key={`${a.drawRowId}-${a.object}`} actions={[<Link key="form" to={jointRecordPagePath(a.drawRowId, a.object)}>一企一表</Link>]}>
                <List.Item.Meta
                  title={`${a.objectName ?? a.object}（${a.task.name}，${a.drawId}）`}
                  description={(
                    <Space orientation="vertical" size={2}>
                      <span>检查期限：{a.task.periodFrom} 至 {a.task.periodTo}</span>
                      <span>检查组：{a.team.map((m) => `${m.name}（${m.department}）`).join('、')}</span>
                      {label && <span>本部门名单：<ContrastTag color={toneColors[label.tone]}>{label.text}</ContrastTag></span>}
                    </Space>
                  )}
                />
              </List.Item>
            );
          }}
        />
      )}
    </Card>
  );
}
