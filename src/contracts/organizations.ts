import { z } from 'zod';

/** 科、室、中心、站、队 and the bureau itself (局). */
export const departmentKinds = ['bureau', 'section', 'office', 'center', 'station', 'brigade'] as const;
export const departmentKindSchema = z.enum(departmentKinds);
export const departmentKindLabels: Record<z.infer<typeof departmentKindSchema>, string> = {
  bureau: '局', section: '科', office: '室', center: '中心', station: '站', brigade: '队',
};

export const departmentSchema = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  name: z.string(),
  kind: departmentKindSchema,
  code: z.string(),
  regionCode: z.string(),
  sortOrder: z.number().int(),
});
export type Department = z.infer<typeof departmentSchema>;

export const createDepartmentBodySchema = z.object({
  parentId: z.string().uuid().nullable(),
  name: z.string().min(1).max(64),
  kind: departmentKindSchema,
  code: z.string().regex(/^[A-Za-z0-9-]{1,32}$/),
  regionCode: z.string().regex(/^\d{6}$/),
  sortOrder: z.number().int().default(0),
}).strict();

// sortOrder without its default, or every partial update would reset it to 0.
export const updateDepartmentBodySchema = createDepartmentBodySchema.extend({ sortOrder: z.number().int() }).partial().strict();

/** GET /api/v1/organizations: every department, flat, parents before children, by sortOrder. */
export const departmentListSchema = z.object({ items: z.array(departmentSchema) });

export type DepartmentTreeNode = Department & { children: DepartmentTreeNode[] };
/** GET /api/v1/organizations/tree: the same departments nested under their parents. */
export const departmentTreeNodeSchema: z.ZodType<DepartmentTreeNode> = departmentSchema.extend({
  get children() { return z.array(departmentTreeNodeSchema); },
});
export const departmentTreeSchema = z.object({ roots: z.array(departmentTreeNodeSchema) });
