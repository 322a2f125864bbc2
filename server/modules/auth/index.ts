/** The auth module's public surface: the only file another module or server/app.ts may import. */
export { apiTokenRoutes } from './api-tokens.routes.ts'
export { createApiTokenService, type ApiTokenService } from './api-tokens.service.ts'
export { authRoutes, type AuthRoutesOptions } from './auth.routes.ts'
export { createAuthService, type AuthService } from './auth.service.ts'
