/** The working calendar: years of days off and swapped working days, agencies' office hours, and the public due-date answer. */
import type { CalendarYearBody, DueDateQuery, OfficeHours } from '../../../contracts/calendar.ts'
import { callApi, endpointUrl, routes } from './routes.ts'

export const calendarApi = {
  getYear: (year: number, signal?: AbortSignal) => callApi(routes.getCalendarYear, { params: { year }, signal }),
  saveYear: (year: number, body: CalendarYearBody) => callApi(routes.saveCalendarYear, { params: { year }, body }),
  /** The year as a downloadable JSON file (same session cookie; the server names the file). */
  exportUrl: (year: number) => endpointUrl(routes.exportCalendarYear, { params: { year } }),

  getOfficeHours: (agencyId: string, signal?: AbortSignal) => callApi(routes.getOfficeHours, { params: { id: agencyId }, signal }),
  /** `rowVersion`: the version the form was filled from (If-Match). */
  setOfficeHours: (agencyId: string, body: OfficeHours, rowVersion?: number) => callApi(routes.setOfficeHours, { params: { id: agencyId }, body, ifMatch: rowVersion }),
}

/** No sign-in needed: citizens ask when a result is due. */
export const publicCalendarApi = {
  dueDate: (query: DueDateQuery, signal?: AbortSignal) => callApi(routes.dueDate, { query, signal }),
}
