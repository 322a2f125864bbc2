/**
 * Builds the HTTP application from its dependencies: platform plugins first (validation,
 * security headers, cookies, rate limits, OpenAPI, problem+json, authentication), then each
 * module's routes under /api, then the web app. No listening and no process concerns here
 * (main.ts), so tests build the same app and call it with `inject`.
 */
import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import cookie from '@fastify/cookie'
import multipart from '@fastify/multipart'
import helmet from '@fastify/helmet'
import rateLimit from '@fastify/rate-limit'
import fastifyStatic from '@fastify/static'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Fastify, { type FastifyInstance } from 'fastify'
import Type from 'typebox'
import type { DestinationStream } from 'pino'
import type { Config } from './config.ts'
import type { Clock } from './platform/clock.ts'
import type { Database } from './platform/db/database.ts'
import { AppError } from './platform/errors.ts'
import { authenticationPlugin } from './platform/http/authentication.ts'
import { registerProblemHandlers, sendProblem, UNAVAILABLE_RETRY_SECONDS } from './platform/http/problem.ts'
import { createDeferredCompilers } from './platform/http/validation.ts'
import { loggerOptions } from './platform/logger.ts'
import { createEventBus } from './platform/events/event-bus.ts'
import { createJobQueue } from './platform/jobs/job-queue.ts'
import { createFileStore, MAX_FILE_BYTES, refuseMultipart, type FileStore } from './platform/storage/index.ts'
import { jobRoutes } from './platform/jobs/jobs.routes.ts'
import { apiTokenRoutes, authRoutes, createApiTokenService, createAuthService } from './modules/auth/index.ts'
import { auditRoutes, createAuditService } from './modules/audit/index.ts'
import { createAgencyService, createUnitService, createUserService, orgRoutes } from './modules/org/index.ts'
import { calendarRoutes, createCalendarService } from './modules/calendar/index.ts'
import { catalogueIoRoutes, createCatalogueImporter, createProcedureService, createTemplateService, procedureRoutes, templateRoutes } from './modules/procedures/index.ts'

export interface AppDeps {
  config: Config
  database: Database
  clock: Clock
  /** Where the log goes (default: standard output); tests read it to check what is logged. */
  logStream?: DestinationStream
  /** File storage; defaults to the store the configuration names (ADR 0013). */
  storage?: FileStore
}

export const APP_VERSION = '0.1.0'

export async function buildApp({ config, database, clock, logStream, storage: givenStorage }: AppDeps): Promise<FastifyInstance> {
  // Route schemas compile on first use or in the warm-up after listen (ADR 0018).
  const compilers = createDeferredCompilers()
  const app = Fastify({
    schemaController: { compilersFactory: { buildSerializer: compilers.buildSerializer } },
    logger: loggerOptions(config.logLevel, logStream),
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    genReqId: () => randomUUID(),
    return503OnClosing: true,
    // A URL the router cannot read (bad percent-encoding, a path parameter over 100 characters)
    // gets a problem like any other error, without echoing the URL back.
    frameworkErrors: (error, request, reply) =>
      sendProblem(request, reply, error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? new AppError('request.uri_too_long') : new AppError('request.invalid', { vi: 'Địa chỉ yêu cầu không hợp lệ', en: 'The request URL is not valid' })),
  }).withTypeProvider<TypeBoxTypeProvider>()

  app.setValidatorCompiler(compilers.validatorCompiler)
  app.decorate('warmSchemas', compilers.warm)
  // JSON only: a cross-site HTML form can send text/plain without a CORS preflight, never JSON.
  app.removeContentTypeParser('text/plain')
  app.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id)
    // API answers hold officials' data and the CSRF token (GET /api/auth/me): no cache may keep
    // them (OWASP ASVS 5.0 V14.3). A route that is safe to cache sets its own header.
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-store')
  })

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // Mantine injects style attributes; scripts stay strictly same-origin.
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: config.cookieSecure ? [] : null,
      },
    },
    hsts: config.mode === 'production',
  })
  await app.register(cookie)
  // Uploads (ADR 0013): one file per request, streamed into the store, which applies each kind's
  // own limit; these bounds only stop a body the store would refuse anyway from being parsed on.
  await app.register(multipart, { throwFileSizeLimit: true, limits: { fileSize: MAX_FILE_BYTES + 1, files: 1, fields: 10, fieldSize: 4096, fieldNameSize: 100, parts: 11, headerPairs: 100 } })
  app.addHook('preValidation', refuseMultipart)
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) => new AppError('request.rate_limited', undefined, { retryAfterSeconds: Math.ceil(context.ttl / 1000) }),
  })
  const publicRateLimit = { max: config.publicRateLimitPerMinute, timeWindow: '1 minute' }

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'cchc API', version: APP_VERSION, description: 'Administrative reform platform. Errors are RFC 9457 problem+json with a stable `code`.' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: config.cookieSecure ? '__Host-cchc_session' : 'cchc_session' },
          bearer: { type: 'http', scheme: 'bearer', description: 'API token (cchc_…)' },
        },
      },
    },
  })
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true })

  registerProblemHandlers(app)

  // Durable jobs (ADR 0010): modules register their queues here; main.ts starts the workers.
  const jobs = createJobQueue({ db: database.db, log: app.log, pollSeconds: config.jobPollMs / 1000 })
  app.decorate('jobs', jobs)
  app.addHook('onClose', () => jobs.stop())
  // Domain events (ADR 0014): recorded in the change's transaction, delivered after commit as jobs.
  const events = createEventBus({ db: database.db, jobs, log: app.log, retentionDays: config.eventRetentionDays })
  app.decorate('events', events)
  // File storage (ADR 0013): a folder under DATA_DIR or an S3 bucket, closed with the app.
  const storage = givenStorage ?? createFileStore(config)
  app.decorate('storage', storage)
  app.addHook('onClose', () => storage.close())

  const auth = createAuthService({ db: database.db, clock, config })
  await app.register(authenticationPlugin, { resolver: auth, cookie: { secure: config.cookieSecure }, clock, cacheMs: config.readCacheSeconds * 1000 })

  await app.register(
    async (api) => {
      api.get(
        '/health',
        {
          schema: {
            tags: ['platform'],
            summary: 'Ready when the database answers and migrations are applied; 503 problem+json naming the dependency that is down',
            response: { 200: Type.Object({ status: Type.Literal('ok'), database: Type.String(), version: Type.String(), dependencies: Type.Object({ database: Type.Literal('up') }) }) },
          },
          config: { rateLimit: publicRateLimit },
        },
        async () => {
          try {
            await database.ping()
          } catch {
            throw new AppError('server.unavailable', { vi: 'Cơ sở dữ liệu không trả lời', en: 'The database does not answer' }, { retryAfterSeconds: UNAVAILABLE_RETRY_SECONDS, dependencies: { database: 'down' } })
          }
          return { status: 'ok' as const, database: database.kind, version: APP_VERSION, dependencies: { database: 'up' as const } }
        },
      )
      api.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger())
      await api.register(authRoutes, { auth, cookieSecure: config.cookieSecure, signInRateLimit: { max: Math.min(config.publicRateLimitPerMinute, 30), timeWindow: '1 minute' } })
      const agencies = createAgencyService({ db: database.db, clock, cacheMs: config.readCacheSeconds * 1000 })
      app.addHook('onClose', async () => agencies.close())
      await api.register(orgRoutes, {
        units: createUnitService({ db: database.db, clock }),
        agencies,
        users: createUserService({ db: database.db, clock }),
      })
      await api.register(apiTokenRoutes, { tokens: createApiTokenService({ db: database.db, clock, hashApiToken: auth.hashApiToken }) })
      await api.register(auditRoutes, { audit: createAuditService({ db: database.db }) })
      await api.register(calendarRoutes, { calendar: createCalendarService({ db: database.db, clock }), publicRateLimit })
      const procedures = createProcedureService({ db: database.db, clock, events })
      await api.register(procedureRoutes, { procedures, publicRateLimit })
      await api.register(templateRoutes, { templates: createTemplateService({ db: database.db, clock, storage }), publicRateLimit })
      await api.register(catalogueIoRoutes, { db: database.db, clock, importer: createCatalogueImporter({ db: database.db, clock, onChange: procedures.invalidate }), jobs, publicRateLimit })
      await api.register(jobRoutes, { jobs })
    },
    { prefix: '/api' },
  )

  await registerWebApp(app, config.webDistDir, publicRateLimit)
  return app
}

/** Serves the built web app: assets as files, every other page path as index.html (client routing). */
async function registerWebApp(app: FastifyInstance, distDir: string, rateLimitOptions: { max: number; timeWindow: string }): Promise<void> {
  const indexFile = path.join(distDir, 'index.html')
  const hasBuild = fs.existsSync(indexFile)
  if (hasBuild) {
    // Hashed build assets never change; everything else is revalidated. A missing file falls through to the handler below.
    await app.register(fastifyStatic, {
      root: distDir,
      wildcard: true,
      index: false,
      cacheControl: false,
      setHeaders: (res, filePath) => {
        res.setHeader('cache-control', filePath.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache')
      },
    })
    app.get('/', { schema: { hide: true } }, (_request, reply) => reply.sendFile('index.html'))
  }
  app.setNotFoundHandler({ preHandler: app.rateLimit(rateLimitOptions) }, (request, reply) => {
    const isPage = request.method === 'GET' && !request.url.startsWith('/api/') && !path.extname(request.url.split('?')[0] ?? '')
    if (isPage && hasBuild) return reply.sendFile('index.html')
    if (isPage) return reply.code(503).type('text/plain; charset=utf-8').send('The web app is not built: run `npm run build:web`.')
    return sendProblem(request, reply, new AppError('route.not_found'))
  })
}
