import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { suggestYear } from './calendar-year.ts'
import { classifyTimeliness, computeAppointment, DEFAULT_OFFICE_HOURS, DeadlineInputError, extendAppointment, stepDeadline, workingMinutesBetween, type LimitUnit } from './deadlines.ts'
import { officialSchedules } from './official-schedules.ts'
import { dayNumber, isoDate, localDay, localMinute } from '../../platform/time/vietnam-time.ts'
import { WorkingCalendar } from './working-calendar.ts'

const calendar = WorkingCalendar.fromYears(officialSchedules())
const hours = DEFAULT_OFFICE_HOURS
/** An instant given as Vietnamese local time. */
const vn = (text: string) => new Date(`${text}:00+07:00`)
const show = (date: Date | null) => (date ? new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Ho_Chi_Minh', dateStyle: 'short', timeStyle: 'short' }).format(date) : null)
const due = (receivedAt: string, value: number, unit: LimitUnit, options = {}) => show(computeAppointment(calendar, hours, { receivedAt: vn(receivedAt), limit: { value, unit }, options }).due)

describe('appointments on the official 2026 calendar', () => {
  it.each([
    // 1/1 holiday, Friday 2/1 swapped off, then the weekend: the first working day is Monday 5/1.
    ['2025-12-31T10:00', 1, 'working_days', {}, '2026-01-05 17:00'],
    // Saturday 10/1/2026 was made a working day in exchange for 2/1.
    ['2026-01-09T09:00', 1, 'working_days', {}, '2026-01-10 17:00'],
    // Tết: 14/2–22/2/2026 off; three working days after Friday 13/2 end on Wednesday 25/2.
    ['2026-02-13T10:00', 3, 'working_days', {}, '2026-02-25 17:00'],
    // Giỗ Tổ on Sunday 26/4 gives Monday 27/4 off; 30/4 and 1/5 are off.
    ['2026-04-24T08:00', 3, 'working_days', {}, '2026-05-04 17:00'],
    // Saturday 22/8 is a working day, in exchange for Monday 31/8; 1/9 and 2/9 are off.
    ['2026-08-21T08:00', 2, 'working_days', {}, '2026-08-24 17:00'],
    ['2026-08-27T08:00', 2, 'working_days', {}, '2026-09-03 17:00'],
    // Same-day procedures with the 15:00 cut-off.
    ['2026-01-05T14:59', 0, 'working_days', { cutoff: '15:00' }, '2026-01-05 17:00'],
    ['2026-01-05T15:00', 0, 'working_days', { cutoff: '15:00' }, '2026-01-06 17:00'],
    ['2026-01-05T15:30', 1, 'working_days', { cutoff: '15:00' }, '2026-01-07 17:00'],
    // Received on a Saturday that is not a working day: counts from Monday's opening.
    ['2026-01-17T09:00', 2, 'working_days', {}, '2026-01-21 17:00'],
    // Returned at the hour of receipt when the procedure says so.
    ['2026-01-05T09:15', 2, 'working_days', { dueTime: 'same_time' }, '2026-01-07 09:15'],
    // Working hours skip the lunch break and the night: 10:00 + 8 h = next day 10:30.
    ['2026-01-05T10:00', 8, 'working_hours', {}, '2026-01-06 10:30'],
    ['2026-01-05T11:00', 1, 'working_hours', {}, '2026-01-05 14:00'],
    // Half a working day (7 h 30 min) from 10:00: 3 h 45 min of work later, after the lunch break.
    ['2026-01-05T10:00', 0.5, 'working_days', {}, '2026-01-05 15:45'],
    // Calendar days end on the next working day when the last one is off (Civil Code Art. 148).
    ['2026-01-12T10:00', 30, 'calendar_days', {}, '2026-02-11 17:00'],
    ['2026-02-02T10:00', 15, 'calendar_days', {}, '2026-02-23 17:00'],
    // A month from 31/1 ends on the month's last day, Saturday 28/2, so on Monday 2/3.
    ['2026-01-31T10:00', 1, 'months', {}, '2026-03-02 17:00'],
  ] as const)('received %s, %s %s %j → %s', (receivedAt, value, unit, options, expected) => {
    expect(due(receivedAt, value, unit, options)).toBe(expected)
  })

  it('gives back every working day of a supplement request, and keeps the original appointment', () => {
    const result = computeAppointment(calendar, hours, {
      receivedAt: vn('2026-01-05T09:00'),
      limit: { value: 5, unit: 'working_days' },
      stops: [{ from: vn('2026-01-07T10:00'), to: vn('2026-01-09T14:00') }],
    })
    expect(show(result.original)).toBe('2026-01-10 17:00')
    expect(show(result.due)).toBe('2026-01-13 17:00')
    const open = computeAppointment(calendar, hours, { receivedAt: vn('2026-01-05T09:00'), limit: { value: 5, unit: 'working_days' }, stops: [{ from: vn('2026-01-07T10:00'), to: null }] })
    expect(open.due).toBeNull()
  })

  it('marks a deadline that reaches an unconfirmed year as provisional', () => {
    const inside = computeAppointment(calendar, hours, { receivedAt: vn('2026-06-01T09:00'), limit: { value: 10, unit: 'working_days' } })
    expect(inside.provisional).toBe(false)
    const across = computeAppointment(calendar, hours, { receivedAt: vn('2026-12-28T09:00'), limit: { value: 10, unit: 'working_days' } })
    expect(across.provisional).toBe(true)
    expect(across.unconfirmedYears).toEqual([2027])
    // …computed from the suggested 2027 calendar: 1/1/2027 is a suggested holiday.
    expect(show(across.due)).toBe('2027-01-12 17:00')
  })

  it('extends an appointment by working days without touching the original', () => {
    const result = computeAppointment(calendar, hours, { receivedAt: vn('2026-02-10T09:00'), limit: { value: 3, unit: 'working_days' } })
    expect(show(result.original)).toBe('2026-02-13 17:00')
    const extended = extendAppointment(calendar, hours, result.original, { value: 2, unit: 'working_days' })
    expect(show(extended)).toBe('2026-02-24 17:00')
    expect(show(result.original)).toBe('2026-02-13 17:00')
    // Statistics still measure against the original: finished on the new date is late.
    expect(classifyTimeliness({ due: result.original, finishedAt: extended, supplementRequests: 0, periodEnd: vn('2026-03-14T23:59') })).toBe('late')
  })

  it('computes a workflow step budget in working hours', () => {
    expect(show(stepDeadline(calendar, hours, vn('2026-02-13T16:00'), 2))).toBe('2026-02-23 08:30')
  })

  it.each([
    [{ value: 3, unit: 'weeks' }, '/limit/unit'],
    [{ value: -1, unit: 'working_days' }, '/limit/value'],
    [{ value: 5000, unit: 'working_days' }, '/limit/value'],
    [{ value: 1.3, unit: 'working_days' }, '/limit/value'],
    [{ value: Number.NaN, unit: 'calendar_days' }, '/limit/value'],
  ])('refuses the limit %j naming %s', (limit, field) => {
    const call = () => computeAppointment(calendar, hours, { receivedAt: vn('2026-01-05T09:00'), limit: limit as never })
    expect(call).toThrow(DeadlineInputError)
    try {
      call()
    } catch (error) {
      expect((error as DeadlineInputError).field).toBe(field)
    }
  })

  it('refuses dates outside 1900–2100 and a malformed cut-off', () => {
    const field = (fn: () => unknown) => {
      try {
        fn()
      } catch (error) {
        return (error as DeadlineInputError).field
      }
      return null
    }
    expect(field(() => computeAppointment(calendar, hours, { receivedAt: vn('1899-12-30T09:00'), limit: { value: 1, unit: 'working_days' } }))).toBe('/receivedAt')
    expect(field(() => computeAppointment(calendar, hours, { receivedAt: vn('2100-12-20T09:00'), limit: { value: 60, unit: 'working_days' } }))).toBe('/limit/value')
    expect(field(() => computeAppointment(calendar, hours, { receivedAt: new Date('nope'), limit: { value: 1, unit: 'working_days' } }))).toBe('/receivedAt')
    expect(field(() => computeAppointment(calendar, hours, { receivedAt: vn('2026-01-05T09:00'), limit: { value: 1, unit: 'working_days' }, options: { cutoff: '25:00' } }))).toBe('/options/cutoff')
  })
})

describe('on-time classification (Decision 766 rules)', () => {
  const dueAt = vn('2026-03-10T17:00')
  const periodEnd = vn('2026-03-14T23:59')
  it.each([
    [{ finishedAt: vn('2026-03-09T10:00') }, 'early'],
    [{ finishedAt: vn('2026-03-10T16:00') }, 'on_time'],
    [{ finishedAt: vn('2026-03-10T17:01') }, 'late'],
    [{ finishedAt: vn('2026-03-09T10:00'), supplementRequests: 2 }, 'late'],
    [{ waitingSince: vn('2026-03-08T10:00') }, 'early'],
    [{}, 'overdue'],
    [{ periodEnd: vn('2026-03-10T12:00') }, 'not_yet_due'],
    [{ finishedAt: vn('2026-03-20T10:00') }, 'overdue'],
  ] as const)('%j is %s', (input, expected) => {
    expect(classifyTimeliness({ due: dueAt, supplementRequests: 1, periodEnd, ...input })).toBe(expected)
  })
})

describe('properties', () => {
  const years = fc.integer({ min: dayNumber('2000-01-01'), max: dayNumber('2095-12-31') })
  const suggested = WorkingCalendar.fromYears([...officialSchedules(), suggestYear(2027)])

  it('adding N working days then counting the working days between gives N', () => {
    fc.assert(
      fc.property(years, fc.integer({ min: 1, max: 60 }), (day, n) => {
        const end = suggested.nthWorkingDayAfter(day, n)
        return suggested.workingDaysBetween(day, end) === n && suggested.isWorkingDay(end)
      }),
      { numRuns: 500 },
    )
  })

  it('never puts an appointment on a day off or outside office hours', () => {
    const units = fc.constantFrom<LimitUnit>('working_hours', 'working_days', 'calendar_days', 'months')
    fc.assert(
      fc.property(years, fc.integer({ min: 0, max: 1439 }), fc.integer({ min: 0, max: 60 }), units, (day, minute, value, unit) => {
        const result = computeAppointment(suggested, hours, { receivedAt: new Date(day * 86_400_000 + minute * 60_000 - 7 * 3_600_000), limit: { value, unit } })
        const dueDay = localDay(result.due!)
        const dueMinute = localMinute(result.due!)
        return suggested.isWorkingDay(dueDay) && dueMinute >= 450 && dueMinute <= 1020 && result.due! >= result.countsFrom
      }),
      { numRuns: 500 },
    )
  })

  it('moves the deadline by exactly K working days for a clock stop of K working days', () => {
    fc.assert(
      fc.property(years, fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 20 }), (day, n, offset, k) => {
        const receivedAt = new Date(day * 86_400_000 + 9 * 3_600_000 - 7 * 3_600_000)
        const base = computeAppointment(suggested, hours, { receivedAt, limit: { value: n, unit: 'working_days' } })
        const stopDay = suggested.nthWorkingDayAfter(localDay(base.countsFrom), Math.min(offset, n) + 0) - 1
        const resumeDay = k === 0 ? stopDay : suggested.nthWorkingDayAfter(stopDay, k)
        const stop = { from: new Date(stopDay * 86_400_000 + 3 * 3_600_000), to: new Date(resumeDay * 86_400_000 + 3 * 3_600_000) }
        const paused = computeAppointment(suggested, hours, { receivedAt, limit: { value: n, unit: 'working_days' }, stops: [stop] })
        return suggested.workingDaysBetween(localDay(base.due!), localDay(paused.due!)) === k
      }),
      { numRuns: 500 },
    )
  })

  it('counts exactly the working hours it added', () => {
    fc.assert(
      fc.property(years, fc.integer({ min: 0, max: 1439 }), fc.integer({ min: 1, max: 200 }), (day, minute, h) => {
        const receivedAt = new Date(day * 86_400_000 + minute * 60_000 - 7 * 3_600_000)
        const result = computeAppointment(suggested, hours, { receivedAt, limit: { value: h, unit: 'working_hours' } })
        return workingMinutesBetween(suggested, hours, result.countsFrom, result.due!) === h * 60
      }),
      { numRuns: 500 },
    )
  })

  it('gives the same answers whatever the host time zone', () => {
    // The engine never reads the host zone; this run's TZ is set by the test command (UTC and UTC+14 in CI).
    expect(isoDate(localDay(vn('2026-01-01T00:30')))).toBe('2026-01-01')
    // Received late on Friday 13/2: counts from Monday 23/2 after Tết, due the next working day.
    expect(due('2026-02-13T23:30', 1, 'working_days')).toBe('2026-02-24 17:00')
  })
})
