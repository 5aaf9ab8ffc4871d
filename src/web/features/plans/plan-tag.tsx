import type { ReactNode } from 'react';
import { Tag } from 'antd';

/**
 * antd's light green, orange and volcano tags are below WCAG AA contrast; darker text of the
 * same hue keeps them readable (as on the items page).
 */
const darkText: Record<string, string> = { green: '#135200', orange: '#873800', volcano: '#871400', processing: '#003eb3', blue: '#003eb3' };

export function PlanTag({ color, children }: { color: string; children: ReactNode }) {
  const text = darkText[color];
  return <Tag color={color} style={text ? { color: text } : undefined}>{children}</Tag>;
}
