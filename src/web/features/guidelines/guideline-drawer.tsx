import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Descriptions, Drawer, Form, Input, Space, Spin, Table, Tabs, Tag, Typography } from 'antd';
import type { Checkpoint, GuidelineVersion } from '../../../contracts/guidelines.ts';
import type { Item } from '../../../contracts/items.ts';
import { getCurrentGuideline, listGuidelineVersions, saveGuideline } from '../../api/guidelines.ts';
import { getItem } from '../../api/items.ts';
import { useCurrentUser } from '../../app/session-context.tsx';
import { formatDateTime } from '../../components/format.ts';
import { useProblemReporter } from '../../components/problem.ts';
import { canManageItem } from '../items/item-format.ts';
import { ChecklistEditor } from './checklist-editor.tsx';

interface Props {
  itemId: string | null;
  onClose: () => void;
  onSaved: () => void;
}

interface FormValues { content: string; method: string; basis: string; reason: string }

export function GuidelineDrawer({ itemId, onClose, onSaved }: Props) {
  const me = useCurrentUser();
  const [item, setItem] = useState<Item | null>(null);
  const [current, setCurrent] = useState<GuidelineVersion | null>(null);
  const [versions, setVersions] = useState<GuidelineVersion[]>([]);
  const [checkpoints, setCheckpoints] = useState<Checkpoint[]>([]);
  const [loading, setLoading] = useState(false);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<FormValues>();
  const report = useProblemReporter();
  const { message } = App.useApp();

  const load = useCallback(async (id: string) => {
    setLoading(true);
    try {
      const [detail, guideline, all] = await Promise.all([getItem(id), getCurrentGuideline(id), listGuidelineVersions(id)]);
      setItem(detail.item);
      setCurrent(guideline);
      setVersions(all);
      setCheckpoints(guideline?.checkpoints ?? []);
      form.setFieldsValue({
        content: guideline?.content ?? detail.item.content, method: guideline?.method ?? '',
        basis: guideline?.basis ?? detail.item.legalBasis, reason: '',
      });
    } catch (error) {
      report(error);
    } finally {
      setLoading(false);
    }
  }, [form, report]);

  useEffect(() => {
    if (itemId) void load(itemId);
    else { setItem(null); setCurrent(null); setVersions([]); }
  }, [itemId, load]);

  const editable = item !== null && item.status === 'active' && canManageItem(me, item);

  const save = async () => {
    if (!item) return;
    const v = await form.validateFields();
    const cleaned = checkpoints.map((c) => ({ code: c.code.trim(), text: c.text.trim() }));
    if (cleaned.some((c) => !c.code || !c.text)) {
      void message.error('每条检查要点都需要编号和内容');
      return;
    }
    setSaving(true);
    try {
      const saved = await saveGuideline(item.id, {
        content: v.content.trim(), method: v.method.trim(), basis: v.basis.trim(), checkpoints: cleaned,
        ...(v.reason?.trim() ? { reason: v.reason.trim() } : {}),
      });
      void message.success(saved.id === current?.id ? '内容未变化，未生成新版本' : `已保存为第 ${saved.version} 版`);
      onSaved();
      await load(item.id);
    } catch (error) {
      report(error, form, ['content', 'method', 'basis', 'reason']);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer open={itemId !== null} onClose={onClose} size="large" destroyOnHidden
      title={item ? `抽查工作指引：${item.code} ${item.name}` : '抽查工作指引'}
      extra={editable && <Button type="primary" loading={saving} onClick={() => { save().catch(() => undefined); }}>保存为新版本</Button>}
    >
      {loading && !item ? <Spin /> : item && (
        <Tabs items={[
          {
            key: 'edit', label: editable ? '编辑指引' : '现行指引',
            children: (
              <>
                <Space style={{ marginBottom: 12 }} wrap>
                  {current ? <Tag color="blue">现行第 {current.version} 版</Tag> : <Tag color="red">尚未制定</Tag>}
                  {current && <Typography.Text type="secondary">版本编号 {current.id}（检查记录引用此编号）</Typography.Text>}
                </Space>
                {!editable && item.status === 'retired' && <Alert type="info" showIcon style={{ marginBottom: 12 }} title="该事项已退役，指引仅供查阅。" />}
                {!editable && current && (
                  <Descriptions column={1} size="small" bordered style={{ marginBottom: 16 }} items={[
                    { key: 'content', label: '检查内容', children: current.content },
                    { key: 'method', label: '检查方法', children: current.method },
                    { key: 'basis', label: '检查依据', children: current.basis },
                    { key: 'checkpoints', label: `检查要点（${current.checkpoints.length} 条）`, children: <ChecklistEditor value={current.checkpoints} onChange={() => undefined} codePrefix="" readOnly /> },
                  ]} />
                )}
                {!editable && !current && <Typography.Text type="secondary">该事项尚未制定抽查工作指引。</Typography.Text>}
                <Form form={form} layout="vertical" hidden={!editable}>
                  <Form.Item label="检查内容" name="content" rules={[{ required: true, whitespace: true, message: '请填写检查内容' }]}>
                    <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
                  </Form.Item>
                  <Form.Item label="检查方法" name="method" rules={[{ required: true, whitespace: true, message: '请填写检查方法' }]}>
                    <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
                  </Form.Item>
                  <Form.Item label="检查依据" name="basis" rules={[{ required: true, whitespace: true, message: '请填写检查依据' }]}>
                    <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
                  </Form.Item>
                  <Form.Item label={`检查要点（${checkpoints.length} 条，检查时逐条答 是/否/未检查/合理缺项）`}>
                    <ChecklistEditor value={checkpoints} onChange={setCheckpoints} codePrefix={item.code} readOnly={!editable} />
                  </Form.Item>
                  {editable && (
                    <Form.Item label="修订说明（可选）" name="reason">
                      <Input placeholder="如 增加卫星定位装置检查要点" />
                    </Form.Item>
                  )}
                </Form>
              </>
            ),
          },
          {
            key: 'versions', label: `版本（${versions.length}）`,
            children: (
              <Table<GuidelineVersion>
                size="small" rowKey="id" pagination={false} dataSource={versions}
                expandable={{
                  expandedRowRender: (v) => (
                    <Descriptions column={1} size="small" items={[
                      { key: 'content', label: '检查内容', children: v.content },
                      { key: 'method', label: '检查方法', children: v.method },
                      { key: 'basis', label: '检查依据', children: v.basis },
                      { key: 'checkpoints', label: '检查要点', children: <ChecklistEditor value={v.checkpoints} onChange={() => undefined} codePrefix="" readOnly /> },
                      { key: 'id', label: '版本编号', children: <Typography.Text copyable>{v.id}</Typography.Text> },
                    ]} />
                  ),
                }}
                columns={[
                  { title: '版本', dataIndex: 'version', width: 90, render: (n: number, v) => <Space size={4}>第 {n} 版{v.current && <Tag color="blue">现行</Tag>}</Space> },
                  { title: '要点数', key: 'count', width: 80, render: (_, v) => v.checkpoints.length },
                  { title: '说明', dataIndex: 'reason', render: (r: string | null) => r ?? '—' },
                  { title: '修改人', dataIndex: 'changedByName', width: 110, render: (n: string | null) => n ?? '系统' },
                  { title: '时间', dataIndex: 'createdAt', width: 170, render: (t: string) => formatDateTime(t) },
                ]}
              />
            ),
          },
        ]} />
      )}
    </Drawer>
  );
}
