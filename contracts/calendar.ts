/** The working calendar and deadline computation. */
import Type, { type Static } from 'typebox'
import { IsoDate, IsoDateTime } from './common.ts'

export const DAY_KIND_NAMES = ['HOLIDAY', 'COMPENSATORY_OFF', 'SWAPPED_OFF', 'EXTRA_OFF', 'SWAPPED_WORKDAY'] as const
export const LIMIT_UNIT_NAMES = ['working_hours', 'working_days', 'calendar_days', 'months'] as const

export const CalendarDay = Type.Object(
  {
    date: IsoDate,
    kind: Type.Enum(DAY_KIND_NAMES, { description: 'HOLIDAY, COMPENSATORY_OFF, SWAPPED_OFF and EXTRA_OFF are weekdays off; SWAPPED_WORKDAY is a Saturday or Sunday worked' }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
)
export type CalendarDay = Static<typeof CalendarDay>

export const YearParams = Type.Object({ year: Type.Integer({ minimum: 1900, maximum: 2100 }) }, { additionalProperties: false })

/** What an administrator saves (also the file format of export and import). */
export const CalendarYearBody = Type.Object(
  {
    year: Type.Optional(Type.Integer({ minimum: 1900, maximum: 2100 })),
    status: Type.Enum(['suggested', 'confirmed'] as const),
    sources: Type.Array(Type.String({ minLength: 1, maxLength: 1000 }), { maxItems: 50 }),
    days: Type.Array(CalendarDay, { maxItems: 120 }),
  },
  { additionalProperties: false },
)
export type CalendarYearBody = Static<typeof CalendarYearBody>

export const CalendarYear = Type.Object({
  year: Type.Integer(),
  status: Type.Enum(['suggested', 'confirmed'] as const),
  /** False when nothing is stored for the year: `days` are then the rule-based suggestions. */
  stored: Type.Boolean(),
  sources: Type.Array(Type.String()),
  days: Type.Array(CalendarDay),
  /** What the Labour Code rules and the lunar calendar suggest for the year. */
  suggestions: Type.Array(CalendarDay),
  updatedAt: Type.Union([IsoDateTime, Type.Null()]),
  /** Row version (also the ETag) to send back as If-Match; 0 while nothing is stored for the year. */
  rowVersion: Type.Integer({ minimum: 0 }),
})
export type CalendarYear = Static<typeof CalendarYear>

export const DueDateQuery = Type.Object(
  {
    value: Type.Number({ minimum: 0, maximum: 3660 }),
    unit: Type.Enum(LIMIT_UNIT_NAMES),
    receivedAt: Type.Optional(IsoDateTime),
    cutoff: Type.Optional(Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' })),
    dueTime: Type.Optional(Type.Enum(['end_of_day', 'same_time'] as const)),
    agencyId: Type.Optional(Type.String({ format: 'uuid' })),
  },
  { additionalProperties: false },
)
export type DueDateQuery = Static<typeof DueDateQuery>

export const DueDate = Type.Object({
  receivedAt: IsoDateTime,
  countsFrom: IsoDateTime,
  appointment: IsoDateTime,
  /** True when the count crosses a year whose calendar is not yet confirmed. */
  provisional: Type.Boolean(),
  unconfirmedYears: Type.Array(Type.Integer()),
})
export type DueDate = Static<typeof DueDate>

const Session = Type.Object(
  { start: Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' }), end: Type.String({ pattern: '^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$' }) },
  { additionalProperties: false },
)

export const OfficeHours = Type.Object(
  {
    weekdaySessions: Type.Array(Session, { minItems: 1, maxItems: 4 }),
    saturdaySessions: Type.Array(Session, { maxItems: 4 }),
  },
  { additionalProperties: false },
)
export type OfficeHours = Static<typeof OfficeHours>

/** An agency's office hours as stored, with the row version (also the ETag; 0 while none are stored). */
export const OfficeHoursRecord = Type.Object({
  weekdaySessions: Type.Array(Session),
  saturdaySessions: Type.Array(Session),
  rowVersion: Type.Integer({ minimum: 0 }),
})
export type OfficeHoursRecord = Static<typeof OfficeHoursRecord>
