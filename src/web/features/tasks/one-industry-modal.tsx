import { useEffect, useState } from 'react';
import { Alert, AutoComplete, Button, Empty, List, Modal, Select, Space, Tag, Typography } from 'antd';
import { itemObjectTypeLabels } from '../../../contracts/items.ts';
import type { OneIndustryTemplate } from '../../../contracts/tasks.ts';
import { getEntityFacets } from '../../api/entities.ts';
import { getOneIndustryTemplate } from '../../api/tasks.ts';
import { useProblemReporter } from '../../components/problem.ts';

interface Props {
  open: boolean;
  onClose: () => void;
  /** Called with the template when the user applies it to the task being edited. */
  onApply: (template: OneIndustryTemplate) => void;
}

/**
 * 一业一查: pick an industry, see every claimed item of it grouped by department, and apply them
 * to the task as one joint task (participating departments, items, team rule, scope).
 */
export function OneIndustryModal({ open, onClose, onApply }: Props) {
  const [industries, setIndustries] = useState<string[]>([]);
  const [industry, setIndustry] = useState('');
  const [objectType, setObjectType] = useState<string | undefined>(undefined);
  const [template, setTemplate] = useState<OneIndustryTemplate | null>(null);
  const [loading, setLoading] = useState(false);
  const report = useProblemReporter();

  useEffect(() => {
    if (!open) return;
    setTemplate(null);
    // The industries of the directory are the likely choices; any other name may be typed.
    getEntityFacets().then((f) => setIndustries(f.industries)).catch(() => setIndustries([]));
  }, [open]);

  const search = async () => {
    if (industry.trim() === '') return;
    setLoading(true);
    try {
      setTemplate(await getOneIndustryTemplate(industry.trim(), objectType));
    } catch (error) {
      report(error);
    } finally {
      setLoading(false);
    }
  };

  const count = template?.body.itemIds.length ?? 0;
  return (
    <Modal
      open={open} title="一业一查：按行业生成联合抽查任务" width={720} onCancel={onClose} destroyOnHidden
      okText="应用到任务" cancelText="取消" okButtonProps={{ disabled: count === 0 }}
      onOk={() => { if (template) onApply(template); }}
    >
      <Typography.Paragraph type="secondary">
        同一行业涉及多个部门的抽查事项合并为一次联合抽查，“进一次门、查多项事”。
        列出适用行业包含所选行业、已认领且在用的全部事项，按认领部门分组；应用后，这些部门成为参与部门，每个检查组须有各部门 1 名执法人员。
      </Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <AutoComplete
          aria-label="行业" placeholder="行业，如 道路货运" style={{ width: 240 }} value={industry}
          options={industries.map((i) => ({ value: i }))} onChange={setIndustry}
          filterOption={(input, option) => (option?.value ?? '').includes(input)}
        />
        <Select
          aria-label="抽查对象" placeholder="全部抽查对象" allowClear style={{ width: 160 }} value={objectType} onChange={setObjectType}
          options={Object.entries(itemObjectTypeLabels).map(([value, label]) => ({ value, label }))}
        />
        <Button type="primary" loading={loading} disabled={industry.trim() === ''} onClick={() => void search()}>查询事项</Button>
      </Space>
      {template && (count === 0
        ? <Empty description={`没有适用于“${template.industry}”的已认领事项`} />
        : (
          <>
            <Alert type="info" showIcon style={{ marginBottom: 12 }} title={`“${template.industry}”共 ${count} 个事项，涉及 ${template.departments.length} 个部门`} />
            {template.departments.map((group) => (
              <List
                key={group.department.id} size="small" bordered style={{ marginBottom: 12 }}
                header={<strong>{group.department.name}（{group.items.length} 项）</strong>}
                dataSource={group.items}
                renderItem={(item) => (
                  <List.Item>
                    <span>{item.code} {item.name}</span>
                    <Tag>{itemObjectTypeLabels[item.objectType as keyof typeof itemObjectTypeLabels] ?? item.objectType}</Tag>
                  </List.Item>
                )}
              />
            ))}
          </>
        ))}
    </Modal>
  );
}
