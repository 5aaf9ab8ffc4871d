import type { DepartmentKind } from './demo-types.ts';
import type { Role } from '../../contracts/roles.ts';

/**
 * The demo bureau. These usernames and the password are a contract with the browser
 * tests (e2e/) and the README: change them only together.
 */
export const demoPassword = 'Suiji@2024';

export const demoBureau = { name: '示例县交通运输局', kind: 'bureau' as DepartmentKind, code: 'SLXJTJ', regionCode: '130227' };

export const demoDepartments: { name: string; kind: DepartmentKind; code: string }[] = [
  { name: '办公室', kind: 'office', code: 'BGS' },
  { name: '政策法规科', kind: 'section', code: 'ZCFG' },
  { name: '运输管理科', kind: 'section', code: 'YSGL' },
  { name: '综合执法大队', kind: 'brigade', code: 'ZHZF' },
  { name: '工程质量监督站', kind: 'station', code: 'GCZJ' },
  { name: '公路养护中心', kind: 'center', code: 'GLYH' },
  { name: '安全监督科', kind: 'section', code: 'AQJD' },
];

export const demoUsers: { username: string; displayName: string; roles: Role[]; departmentCode: string }[] = [
  { username: 'admin', displayName: '系统管理员', roles: ['system_admin'], departmentCode: 'BGS' },
  { username: 'fagui', displayName: '政策法规科 督导', roles: ['oversight'], departmentCode: 'ZCFG' },
  { username: 'yunguan', displayName: '运输管理科管理员', roles: ['department_admin', 'officer'], departmentCode: 'YSGL' },
  { username: 'zhifa1', displayName: '执法人员', roles: ['officer'], departmentCode: 'ZHZF' },
  { username: 'zhifa2', displayName: '执法人员', roles: ['officer'], departmentCode: 'ZHZF' },
  { username: 'lingdao', displayName: '分管领导', roles: ['leader'], departmentCode: 'BGS' },
  { username: 'gongcheng', displayName: '工程质量监督站管理员', roles: ['department_admin'], departmentCode: 'GCZJ' },
];
