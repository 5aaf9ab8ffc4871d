import { entityKindLabels, objectKindLabels, type Entity } from '../../../contracts/entities.ts';
import { entityStatusLabels } from '../../../domain/task/candidate-pool.ts';

export { entityStatusLabels };

/** 主体类, or the kind of a non-entity object (车辆, 公路工程项目 …). */
export function kindLabel(entity: Pick<Entity, 'kind' | 'objectKind'>): string {
  if (entity.kind === 'subject') return entityKindLabels.subject;
  return entity.objectKind ? objectKindLabels[entity.objectKind] ?? entity.objectKind : entityKindLabels.object;
}

export function objectKindLabel(objectKind: string): string {
  return objectKindLabels[objectKind] ?? objectKind;
}
