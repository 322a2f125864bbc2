/**
 * Due-date computations per second on one core, in process: `computeAppointment` (working-day
 * limits of 1–60 days, receipts spread over 2020–2030, the official calendar plus suggestions)
 * against a naive baseline measured in the same run: walking day by day, testing each day
 * against a set of days off and swapped working days. Target: ≥ 1,000,000 per second.
 */
import { computeAppointment, DEFAULT_OFFICE_HOURS, OFF_KINDS, officialSchedules, suggestYear, WorkingCalendar } from '../../server/modules/calendar/index.ts'
import { localDay, weekday } from '../../server/platform/time/vietnam-time.ts'
import { round } from '../lib/stats.ts'
import type { BenchCase } from '../lib/types.ts'

const INPUTS = 100_000
const SECONDS = 2

/** A deterministic pseudo-random sequence (mulberry32), so every run measures the same inputs. */
function random(seed: number) {
  return () => {
    seed |= 0
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function measure(label: string, run: (i: number) => unknown, log: (m: string) => void): number {
  // Warm up, then count whole passes for a fixed time.
  for (let i = 0; i < INPUTS; i++) run(i)
  let count = 0
  let sink = 0
  const start = process.hrtime.bigint()
  const end = start + BigInt(SECONDS * 1e9)
  let now = start
  while (now < end) {
    for (let i = 0; i < 10_000; i++) sink += run((count + i) % INPUTS) ? 1 : 0
    count += 10_000
    now = process.hrtime.bigint()
  }
  const perSecond = count / (Number(now - start) / 1e9)
  log(`${label}: ${round(perSecond)} per second (${sink > 0 ? 'checked' : 'empty'})`)
  return perSecond
}

export const deadlinesCase: BenchCase = {
  id: 'deadlines',
  title: 'due-date computations per second (one core)',
  async run(ctx) {
    const years = [...officialSchedules()]
    for (let y = 2027; y <= 2040; y++) years.push(suggestYear(y))
    const calendar = WorkingCalendar.fromYears(years)
    const offDays = new Set<number>()
    const workedWeekends = new Set<number>()
    for (const year of years) for (const d of year.days) (OFF_KINDS.has(d.kind) ? offDays : workedWeekends).add(Math.floor(Date.parse(`${d.date}T00:00:00Z`) / 86_400_000))

    const next = random(42)
    const start2020 = Date.parse('2020-01-01T00:00:00+07:00')
    const span = Date.parse('2031-01-01T00:00:00+07:00') - start2020
    const receivedAt = Array.from({ length: INPUTS }, () => new Date(start2020 + Math.floor(next() * span)))
    const limits = Array.from({ length: INPUTS }, () => 1 + Math.floor(next() * 60))

    const naive = (i: number) => {
      // What a straightforward implementation does: step one day at a time.
      let day = localDay(receivedAt[i]!)
      let left = limits[i]!
      while (left > 0) {
        day += 1
        const isWorking = workedWeekends.has(day) || (weekday(day) <= 5 && !offDays.has(day))
        if (isWorking) left -= 1
      }
      return day
    }
    const engine = (i: number) => computeAppointment(calendar, DEFAULT_OFFICE_HOURS, { receivedAt: receivedAt[i]!, limit: { value: limits[i]!, unit: 'working_days' } }).due

    // The two must agree whenever the receipt is on a working day before closing time.
    let compared = 0
    for (let i = 0; i < INPUTS; i++) {
      const day = localDay(receivedAt[i]!)
      const minute = Math.floor(((receivedAt[i]!.getTime() + 7 * 3_600_000) % 86_400_000) / 60_000)
      if (!calendar.isWorkingDay(day) || minute >= 1020) continue
      compared += 1
      if (localDay(engine(i)!) !== naive(i)) throw new Error(`engine and naive loop disagree on input ${i}`)
    }
    ctx.log(`engine and naive loop agree on ${compared} inputs received on working days`)
    const engineRate = measure('computeAppointment', engine, ctx.log)
    const naiveRate = measure('naive day-by-day loop', naive, ctx.log)
    return [{ name: 'due_date_computations_per_s', value: round(engineRate), unit: 'ops/s', baseline: round(naiveRate), ratio: round(engineRate / naiveRate, 2) }]
  },
}
