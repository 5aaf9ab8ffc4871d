import type { z } from 'zod';
import type { departmentKindSchema } from '../../contracts/organizations.ts';

export type DepartmentKind = z.infer<typeof departmentKindSchema>;
