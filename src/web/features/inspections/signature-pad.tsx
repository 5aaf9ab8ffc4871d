import { useEffect, useRef, useState } from 'react';
import { Button, Space, Typography } from 'antd';

/**
 * A signature drawn with a finger, pen or mouse on a canvas; gives a PNG data URL. Pointer
 * events cover touch screens (phones at the inspection site) and mice alike.
 */
export function SignaturePad({ label, onChange }: { label: string; onChange: (png: string | null) => void }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);
  const [empty, setEmpty] = useState(true);

  useEffect(() => {
    const c = canvas.current;
    const ctx = c?.getContext('2d');
    if (!c || !ctx) return;
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, c.width, c.height);
    ctx.lineWidth = 3;
    ctx.lineCap = 'round';
    ctx.strokeStyle = '#000';
  }, []);

  const point = (event: React.PointerEvent<HTMLCanvasElement>) => {
    const c = event.currentTarget;
    const rect = c.getBoundingClientRect();
    return { x: ((event.clientX - rect.left) * c.width) / rect.width, y: ((event.clientY - rect.top) * c.height) / rect.height };
  };

  const clear = () => {
    const c = canvas.current;
    const ctx = c?.getContext('2d');
    if (!c || !ctx) return;
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, c.width, c.height);
    setEmpty(true);
    onChange(null);
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <canvas
        ref={canvas} width={600} height={200} role="img" aria-label={label}
        style={{ width: '100%', maxWidth: 600, height: 'auto', aspectRatio: '3 / 1', border: '1px solid #8c8c8c', borderRadius: 4, touchAction: 'none', background: '#fff' }}
        onPointerDown={(event) => {
          const ctx = event.currentTarget.getContext('2d');
          if (!ctx) return;
          event.currentTarget.setPointerCapture(event.pointerId);
          drawing.current = true;
          const p = point(event);
          ctx.beginPath();
          ctx.moveTo(p.x, p.y);
          ctx.lineTo(p.x + 0.1, p.y + 0.1);
          ctx.stroke();
        }}
        onPointerMove={(event) => {
          if (!drawing.current) return;
          const ctx = event.currentTarget.getContext('2d');
          if (!ctx) return;
          const p = point(event);
          ctx.lineTo(p.x, p.y);
          ctx.stroke();
        }}
        onPointerUp={(event) => {
          if (!drawing.current) return;
          drawing.current = false;
          setEmpty(false);
          onChange(event.currentTarget.toDataURL('image/png'));
        }}
      />
      <Space>
        <Button onClick={clear} disabled={empty}>清除重签</Button>
        <Typography.Text type="secondary">请在框内签名</Typography.Text>
      </Space>
    </Space>
  );
}
