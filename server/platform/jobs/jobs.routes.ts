/**
 * Administrators' view of the durable job queue: the jobs parked as failed, with their error and
 * attempts, never their data (it may hold personal data). Province-level `org.manage` only.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { FailedJobList, FailedJobsQuery } from '../../../contracts/platform.ts'
import { holdsOverProvince } from '../auth/actor.ts'
import { AppError } from '../errors.ts'
import { requestContext } from '../http/authentication.ts'
import type { JobQueue } from './job-queue.ts'

declare module 'fastify' {
  interface FastifyInstance {
    /** The durable job queue (server/platform/jobs); started by main.ts, stopped when the app closes. */
    jobs: JobQueue
  }
}

export const jobRoutes: FastifyPluginAsyncTypebox<{ jobs: JobQueue }> = async (app, { jobs }) => {
  app.get(
    '/jobs/failed',
    {
      onRequest: app.authenticate,
      config: { tokenPermission: 'org.manage' },
      schema: {
        tags: ['platform'],
        summary: 'Background jobs parked as failed (no retry left), newest first: name, error, attempts and times; never their data',
        querystring: FailedJobsQuery,
        response: { 200: FailedJobList },
      },
    },
    async (request) => {
      const ctx = requestContext(request)
      if (!holdsOverProvince(ctx.actor, 'org.manage')) throw new AppError('auth.forbidden')
      const items = await jobs.failedJobs(request.query.limit ?? 100)
      return { items: items.map((job) => ({ ...job, createdOn: job.createdOn.toISOString(), startedOn: job.startedOn?.toISOString() ?? null, failedOn: job.failedOn?.toISOString() ?? null })) }
    },
  )
}
