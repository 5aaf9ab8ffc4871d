import { useEffect, useState } from 'react';
import { Form, Input, Modal, Select, Typography } from 'antd';
import type { Draw } from '../../../contracts/tasks.ts';
import { abandonDraw, replaceOfficer } from '../../api/draws.ts';
import { useProblemReporter } from '../../components/problem.ts';

/** 作废重抽: the draw stays published as abandoned with the reason; the task can be frozen again. */
export function AbandonDrawModal({ draw, open, onClose, onDone }: { draw: Draw; open: boolean; onClose: () => void; onDone: (draw: Draw) => void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const [saving, setSaving] = useState(false);
  const report = useProblemReporter();
  useEffect(() => { if (open) form.resetFields(); }, [open, form]);
  const onOk = async () => {
    const { reason } = await form.validateFields();
    setSaving(true);
    try {
      onDone(await abandonDraw(draw.id, reason.trim()));
    } catch (error) {
      report(error, form, ['reason']);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open={open} title={`作废抽取 ${draw.drawId}`} okText="作废" okButtonProps={{ danger: true }} cancelText="取消"
      confirmLoading={saving} onOk={() => { onOk().catch(() => undefined); }} onCancel={onClose} destroyOnHidden
    >
      <Typography.Paragraph>
        作废后本次抽取仍在门户公开，并标注作废原因；任务回到编制状态，修改后重新冻结将产生新的抽取编号。抽取记录不能删除或修改。
      </Typography.Paragraph>
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item label="作废原因" name="reason" rules={[{ required: true, whitespace: true, min: 2, message: '请填写作废原因（至少 2 个字）' }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface ReplaceProps {
  draw: Draw;
  /** The object whose team changes; null when closed. */
  object: string | null;
  onClose: () => void;
  onDone: (draw: Draw) => void;
}

/**
 * 人员替换: the member who cannot go is chosen with a reason; the server picks the next eligible
 * officer in the standard's order (nobody hand-picks the replacement), records and publishes it.
 */
export function ReplaceOfficerModal({ draw, object, onClose, onDone }: ReplaceProps) {
  const [form] = Form.useForm<{ officer: string; reason: string }>();
  const [saving, setSaving] = useState(false);
  const report = useProblemReporter();
  const team = draw.teams.find((t) => t.object === object);
  useEffect(() => { if (object) form.resetFields(); }, [object, form]);
  const onOk = async () => {
    if (!object) return;
    const v = await form.validateFields();
    setSaving(true);
    try {
      onDone(await replaceOfficer(draw.id, { object, officer: v.officer, reason: v.reason.trim() }));
    } catch (error) {
      report(error, form, ['officer', 'reason']);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open={object !== null} title={`替换人员：${team?.objectName ?? object ?? ''}`} okText="替换" cancelText="取消"
      confirmLoading={saving} onOk={() => { onOk().catch(() => undefined); }} onCancel={onClose} destroyOnHidden
    >
      <Typography.Paragraph>
        不能参加的执法人员由标准顺序中的下一位符合条件的执法人员替换（同一部门席位、不回避、具备所需标签、负担最少者优先），系统自动确定替换人选，替换记录公开。
      </Typography.Paragraph>
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item label="不能参加的人员" name="officer" rules={[{ required: true, message: '请选择被替换的人员' }]}>
          <Select
            placeholder="请选择" options={(team?.officers ?? []).map((o) => ({ value: o.key, label: `${o.name}（${o.department}，执法证号 ${o.key}）` }))}
          />
        </Form.Item>
        <Form.Item label="替换原因" name="reason" rules={[{ required: true, whitespace: true, min: 2, message: '请填写替换原因（至少 2 个字）' }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
