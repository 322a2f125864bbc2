/** The calendar module's public surface: the only file another module or server/app.ts may import. */
export { calendarRoutes, type CalendarRoutesOptions } from './calendar.routes.ts'
export { createCalendarService, ensureOfficialCalendar, type CalendarService } from './calendar.service.ts'
// The pure deadline engine, for bench/cases/deadlines.ts and the modules that will compute due dates.
export { OFF_KINDS, suggestYear, type CalendarYear } from './calendar-year.ts'
export { computeAppointment, DEFAULT_OFFICE_HOURS, type Appointment, type AppointmentInput, type OfficeHours } from './deadlines.ts'
export { officialSchedules } from './official-schedules.ts'
export { WorkingCalendar } from './working-calendar.ts'
