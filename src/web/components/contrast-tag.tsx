import type { CSSProperties, ReactNode } from 'react';
import { Tag } from 'antd';

/**
 * antd's light tags (green, orange, volcano, red, blue…) are below WCAG AA contrast; darker
 * text of the same hue keeps them readable. Use this instead of a coloured antd Tag.
 */
const darkText: Record<string, string> = {
  green: '#135200', orange: '#873800', volcano: '#871400', red: '#820014', blue: '#003eb3', processing: '#003eb3',
  cyan: '#00474f', default: 'rgba(0, 0, 0, 0.88)',
};

export function ContrastTag({ color, style, children }: { color: string; style?: CSSProperties; children: ReactNode }) {
  const text = darkText[color];
  return <Tag color={color} style={text ? { ...style, color: text } : style}>{children}</Tag>;
}
