/** Addresses inside the officials' workspace. */
export const officePaths = {
  home: '/office',
  signIn: '/office/sign-in',
  password: '/office/password',
  units: '/office/units',
  newUnit: '/office/units/new',
  unit: (id: string) => `/office/units/${encodeURIComponent(id)}`,
  agencies: '/office/agencies',
  newAgency: '/office/agencies/new',
  agency: (id: string) => `/office/agencies/${encodeURIComponent(id)}`,
  users: '/office/users',
  newUser: '/office/users/new',
  user: (id: string) => `/office/users/${encodeURIComponent(id)}`,
  apiTokens: '/office/api-tokens',
  audit: '/office/audit',
  jobs: '/office/jobs',
  calendar: '/office/calendar',
  calendarYear: (year: number) => `/office/calendar?year=${year}`,
  procedures: '/office/procedures',
  newProcedure: '/office/procedures/new',
  importProcedures: '/office/procedures/import',
  procedure: (id: string) => `/office/procedures/${encodeURIComponent(id)}`,
  procedureVersion: (id: string, version: number) => `/office/procedures/${encodeURIComponent(id)}?version=${version}`,
  compareProcedureVersions: (id: string, from: number, to: number) => `/office/procedures/${encodeURIComponent(id)}?from=${from}&to=${to}#compare`,
  newProcedureVersion: (id: string, from: number) => `/office/procedures/${encodeURIComponent(id)}/versions/new?from=${from}`,
  editProcedureVersion: (id: string, version: number) => `/office/procedures/${encodeURIComponent(id)}/versions/${version}/edit`,
} as const

/** Only follow "next" addresses that stay inside the workspace (no open redirects). */
export function safeNextPath(next: string | null): string {
  if (next && next.startsWith('/office') && !next.startsWith('//') && !next.startsWith(officePaths.signIn)) return next
  return officePaths.home
}
