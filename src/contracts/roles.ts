import { z } from 'zod';

/**
 * The five roles of the platform. A user may hold several (a department admin is often
 * also an officer). Labels are what the UI shows.
 */
export const roles = ['system_admin', 'department_admin', 'officer', 'oversight', 'leader'] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;

export const roleLabels: Record<Role, string> = {
  system_admin: '系统管理员',
  department_admin: '机构管理员',
  officer: '执法人员',
  oversight: '督导',
  leader: '领导',
};
