import { Button, Result, Typography } from 'antd';
import { ToolOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import type { MenuLeaf } from '../app/menu.ts';

const titleStyle = { fontSize: 24, fontWeight: 'normal', margin: 0 } as const;

export function ForbiddenPage() {
  return (
    <Result
      status="403"
      title={<h1 style={titleStyle}>无权访问</h1>}
      subTitle="您的角色没有访问此页面的权限。如需开通，请联系本单位的机构管理员或系统管理员。"
      extra={<Link to="/"><Button type="primary">返回工作台</Button></Link>}
    />
  );
}

export function NotFoundPage() {
  return (
    <Result
      status="404"
      title={<h1 style={titleStyle}>页面不存在</h1>}
      subTitle="您访问的地址不存在，可能已被移动或输入有误。"
      extra={<Link to="/"><Button type="primary">返回工作台</Button></Link>}
    />
  );
}

/** A page of the mission that is not built yet: says what will be there. */
export function UnderConstructionPage({ leaf }: { leaf: MenuLeaf }) {
  return (
    <Result
      status="info"
      icon={<ToolOutlined aria-hidden />}
      title={<h1 style={titleStyle}>{leaf.label}（建设中）</h1>}
      subTitle="该功能正在建设中，上线后将提供："
      extra={<Link to="/"><Button>返回工作台</Button></Link>}
    >
      <ul style={{ margin: '0 auto', maxWidth: 560, paddingInlineStart: 20 }}>
        {(leaf.plannedFeatures ?? []).map((feature) => (
          <li key={feature}><Typography.Text>{feature}</Typography.Text></li>
        ))}
      </ul>
    </Result>
  );
}
