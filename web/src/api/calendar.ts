/** The working calendar: years of days off and swapped working days, agencies' office hours, and the public due-date answer. */
import type { CalendarYear, CalendarYearBody, DueDate, DueDateQuery, OfficeHours } from '../../../contracts/calendar.ts'
import { api, apiPath } from './client.ts'

export const calendarApi = {
  getYear: (year: number, signal?: AbortSignal) => api.get<CalendarYear>(apiPath('calendar', 'years', String(year)), undefined, signal),
  saveYear: (year: number, body: CalendarYearBody) => api.put<CalendarYear>(apiPath('calendar', 'years', String(year)), body),
  /** The year as a downloadable JSON file (same session cookie; the server names the file). */
  exportUrl: (year: number) => apiPath('calendar', 'years', String(year), 'export'),

  getOfficeHours: (agencyId: string, signal?: AbortSignal) => api.get<OfficeHours>(apiPath('agencies', agencyId, 'office-hours'), undefined, signal),
  setOfficeHours: (agencyId: string, body: OfficeHours) => api.put<OfficeHours>(apiPath('agencies', agencyId, 'office-hours'), body),
}

/** No sign-in needed: citizens ask when a result is due. */
export const publicCalendarApi = {
  dueDate: (query: DueDateQuery, signal?: AbortSignal) => api.get<DueDate>('/api/public/due-date', query, signal),
}
