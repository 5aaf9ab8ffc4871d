import { Tag } from 'antd';
import { riskClassColors } from '../../../contracts/entities.ts';
import { riskClassLabels, type RiskClass } from '../../../domain/directory/risk-class.ts';

/** A coloured tag for a credit-risk class: A green, B blue, C orange, D red, U grey. */
export function RiskClassTag({ riskClass, long = false }: { riskClass: RiskClass; long?: boolean }) {
  return (
    <Tag color={riskClassColors[riskClass]} title={riskClassLabels[riskClass]}>
      {long ? riskClassLabels[riskClass] : riskClass === 'U' ? '未分类' : `${riskClass} 类`}
    </Tag>
  );
}
