import { Card, Col, Descriptions, Row, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { roleLabels } from '../../../contracts/roles.ts';
import { isGroup, visibleMenu, type MenuLeaf } from '../../app/menu.ts';
import { useCurrentUser } from '../../app/session-context.tsx';
import { MyAssignmentsCard } from '../draws/my-assignments-card.tsx';

function greeting(hour: number): string {
  if (hour < 6) return '您好';
  if (hour < 12) return '上午好';
  if (hour < 14) return '中午好';
  if (hour < 18) return '下午好';
  return '晚上好';
}

const cycle = [
  { title: '一单两库一指引', text: '维护抽查事项清单、检查对象名录库、执法检查人员名录库和抽查工作指引。' },
  { title: '计划与任务', text: '编制年度抽查计划，制定实施方案，冻结候选名单后以公开种子随机抽取、匹配。' },
  { title: '检查与公示', text: '按一企一表实施检查，录入结果，审核后在 20 个工作日内公示。' },
  { title: '处置与督导', text: '发现问题后续处置形成闭环，归档留痕，接受督导考核。' },
];

export function DashboardPage() {
  const user = useCurrentUser();
  const leaves: MenuLeaf[] = visibleMenu(user.roles)
    .flatMap((entry) => (isGroup(entry) ? [...entry.children] : [entry]))
    .filter((leaf) => leaf.path !== '/');

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card>
        <Typography.Title level={1} style={{ marginTop: 0, fontSize: 26 }}>
          {greeting(new Date().getHours())}，{user.displayName}
        </Typography.Title>
        <Descriptions column={{ xs: 1, md: 3 }} size="small">
          <Descriptions.Item label="用户名">{user.username}</Descriptions.Item>
          <Descriptions.Item label="所属机构">{user.departmentName ?? '（未分配）'}</Descriptions.Item>
          <Descriptions.Item label="角色">
            <Space size={4} wrap>
              {user.roles.map((role) => <Tag key={role} color="blue">{roleLabels[role]}</Tag>)}
            </Space>
          </Descriptions.Item>
        </Descriptions>
      </Card>

      <MyAssignmentsCard />

      <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>常用功能</h2>}>
        <Row gutter={[16, 16]}>
          {leaves.map((leaf) => (
            <Col key={leaf.key} xs={24} sm={12} lg={8} xl={6}>
              <Link to={leaf.path} style={{ display: 'block' }}>
                <Card size="small" hoverable>
                  <Space orientation="vertical" size={2}>
                    <Typography.Text strong>{leaf.label}</Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {leaf.status === 'ready' ? '可用' : '建设中'}
                    </Typography.Text>
                  </Space>
                </Card>
              </Link>
            </Col>
          ))}
        </Row>
      </Card>

      <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>双随机、一公开工作流程</h2>}>
        <Row gutter={[16, 16]}>
          {cycle.map((step, index) => (
            <Col key={step.title} xs={24} md={12} xl={6}>
              <Typography.Text strong>{index + 1}. {step.title}</Typography.Text>
              <Typography.Paragraph type="secondary" style={{ marginBottom: 0, marginTop: 4 }}>{step.text}</Typography.Paragraph>
            </Col>
          ))}
        </Row>
        <Typography.Paragraph style={{ marginTop: 16, marginBottom: 0 }}>
          <a href="/portal/" target="_blank" rel="noreferrer" style={{ textDecoration: 'underline' }}>查看信息公开门户</a>
          <Typography.Text type="secondary">（公众看到的抽查事项、计划、抽取记录和结果）</Typography.Text>
        </Typography.Paragraph>
      </Card>
    </Space>
  );
}
