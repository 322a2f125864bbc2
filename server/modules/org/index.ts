/** The org module's public surface: the only file another module or server/app.ts may import. */
export { createAgencyService, type AgencyService } from './agencies.service.ts'
export { findAgencyPlacement, type AgencyPlacement } from './agency-placement.ts'
export { orgRoutes, type OrgRoutesOptions } from './org.routes.ts'
export { createUnitService, type UnitService } from './units.service.ts'
export { createUserService, type UserService } from './users.service.ts'
