/**
 * Imports running in the background, kept in memory for the progress bar: each job is visible
 * only to the user who started it, finished jobs expire, and the map is bounded. Jobs do not
 * survive a restart (the import is one transaction: an interrupted job wrote nothing).
 */
import { randomUUID } from 'node:crypto'
import type { Clock } from '../../../platform/clock.ts'
import { AppError } from '../../../platform/errors.ts'
import type { ImportReport } from './catalogue-import.service.ts'

export type JobState = 'running' | 'done' | 'failed'

export interface ImportJob {
  id: string
  ownerId: string
  state: JobState
  processed: number
  total: number
  report?: ImportReport
  /** Why a failed job failed (an AppError is shown as a problem; anything else as server.internal). */
  error?: unknown
  startedAt: number
  finishedAt?: number
}

export interface Progress {
  (processed: number, total: number): void
}

export interface ImportJobsOptions {
  clock: Clock
  /** Jobs kept at most (running and finished). */
  maxJobs?: number
  /** How long a finished job stays readable. */
  keepMs?: number
}

export function createImportJobs({ clock, maxJobs = 100, keepMs = 60 * 60_000 }: ImportJobsOptions) {
  const jobs = new Map<string, ImportJob>()
  const running = new Set<Promise<void>>()

  function prune(): void {
    const now = clock.now().getTime()
    for (const [id, job] of jobs) if (job.finishedAt !== undefined && now - job.finishedAt > keepMs) jobs.delete(id)
    // Still full: forget the oldest finished jobs first.
    const finished = [...jobs.values()].filter((j) => j.finishedAt !== undefined).sort((a, b) => a.finishedAt! - b.finishedAt!)
    while (jobs.size >= maxJobs && finished.length) jobs.delete(finished.shift()!.id)
  }

  return {
    /** Starts `work` in the background; refuses a second running job of the same user, or a full map. */
    start(ownerId: string, work: (progress: Progress) => Promise<ImportReport>): ImportJob {
      prune()
      const busy = [...jobs.values()].some((j) => j.ownerId === ownerId && j.state === 'running')
      if (busy || jobs.size >= maxJobs) {
        throw new AppError('request.rate_limited', { vi: busy ? 'Bạn đang có một lượt nhập chưa xong' : 'Máy chủ đang có quá nhiều lượt nhập', en: busy ? 'You already have an import running' : 'Too many imports are running' }, { retryAfterSeconds: 10 })
      }
      const job: ImportJob = { id: randomUUID(), ownerId, state: 'running', processed: 0, total: 0, startedAt: clock.now().getTime() }
      jobs.set(job.id, job)
      const progress: Progress = (processed, total) => {
        job.processed = processed
        job.total = total
      }
      const promise = work(progress)
        .then((report) => {
          job.report = report
          job.state = 'done'
        })
        .catch((error: unknown) => {
          job.error = error
          job.state = 'failed'
        })
        .finally(() => {
          job.finishedAt = clock.now().getTime()
          running.delete(promise)
        })
      running.add(promise)
      return job
    },

    /** The job, when it exists and belongs to `ownerId`; null otherwise (the same answer for both). */
    get(ownerId: string, jobId: string): ImportJob | null {
      prune()
      const job = jobs.get(jobId)
      return job && job.ownerId === ownerId ? job : null
    },

    /** Waits for the running jobs (when the server closes). */
    async settle(): Promise<void> {
      await Promise.allSettled([...running])
    },
  }
}

export type ImportJobs = ReturnType<typeof createImportJobs>
