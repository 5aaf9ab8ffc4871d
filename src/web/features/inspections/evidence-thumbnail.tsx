import { useState } from 'react';
import { FileImageOutlined, FilePdfOutlined } from '@ant-design/icons';
import type { Evidence } from '../../../contracts/inspections.ts';
import { evidenceThumbnailUrl, evidenceUrl } from '../../api/inspections.ts';

/** Shown at 72 px: a phone fits the thumbnail, the name and the delete button on one row. */
const side = 72;
const frame = {
  width: side, height: side, display: 'inline-flex', alignItems: 'center', justifyContent: 'center',
  border: '1px solid #d9d9d9', borderRadius: 6, overflow: 'hidden', background: '#fafafa', flex: 'none',
} as const;

/**
 * A photo's thumbnail, or an icon for a PDF (PDFs are not rasterised) and for a photo the
 * server could not decode (its thumbnail answers 404). Tapping a photo shows the original in
 * a new tab (inline); a PDF is downloaded, as the file name beside it.
 */
export function EvidenceThumbnail({ inspectionId, evidence }: { inspectionId: string; evidence: Evidence }) {
  const [failed, setFailed] = useState(false);
  const icon = evidence.kind === 'pdf'
    ? <FilePdfOutlined style={{ fontSize: 32, color: '#a8071a' }} />
    : <FileImageOutlined style={{ fontSize: 32, color: '#595959' }} />;
  return (
    <a href={evidenceUrl(inspectionId, evidence.id, { inline: evidence.kind !== 'pdf' })} target="_blank" rel="noreferrer" style={frame} aria-label={`打开原文件：${evidence.fileName}`}>
      {evidence.kind === 'pdf' || failed ? icon : (
        <img src={evidenceThumbnailUrl(inspectionId, evidence.id)} alt={`缩略图：${evidence.fileName}`} loading="lazy"
          style={{ width: '100%', height: '100%', objectFit: 'cover' }} onError={() => setFailed(true)} />
      )}
    </a>
  );
}
