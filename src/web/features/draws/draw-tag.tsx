import type { CSSProperties, ReactNode } from 'react';
import { Tag } from 'antd';

/** antd's light tags are below WCAG AA contrast: darker text of the same hue keeps them readable. */
const darkText: Record<string, string> = {
  green: '#135200', orange: '#873800', red: '#820014', blue: '#003eb3', processing: '#003eb3', cyan: '#00474f', default: 'rgba(0, 0, 0, 0.88)',
};

export function DrawTag({ color, style, children }: { color: string; style?: CSSProperties; children: ReactNode }) {
  return <Tag color={color} style={{ ...style, color: darkText[color] ?? undefined }}>{children}</Tag>;
}
