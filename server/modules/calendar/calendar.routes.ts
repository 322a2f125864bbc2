/** HTTP surface of the working calendar: the year view for administrators, and the public due-date answer. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { CalendarYear, CalendarYearBody, DueDate, DueDateQuery, OfficeHours, OfficeHoursRecord, YearParams } from '../../../contracts/calendar.ts'
import { IdParams, IfMatchHeaders } from '../../../contracts/common.ts'
import { expectedVersion, withETag } from '../../platform/db/concurrency.ts'
import { requestContext } from '../../platform/http/authentication.ts'
import type { CalendarService } from './calendar.service.ts'

export interface CalendarRoutesOptions {
  calendar: CalendarService
  publicRateLimit: { max: number; timeWindow: string }
}

export const calendarRoutes: FastifyPluginAsyncTypebox<CalendarRoutesOptions> = async (app, { calendar, publicRateLimit }) => {
  app.get('/calendar/years/:year', { config: { tokenPermission: 'org.read' }, schema: { tags: ['calendar'], summary: 'A year of the working calendar, with the rule-based suggestions', params: YearParams, response: { 200: CalendarYear } }, onRequest: app.authenticate }, async (request, reply) =>
    withETag(reply, await calendar.getYear(request.params.year)),
  )
  app.put('/calendar/years/:year', { config: { tokenPermission: 'calendar.manage' }, schema: { tags: ['calendar'], summary: 'Record the announced days off and swapped working days of a year', params: YearParams, headers: IfMatchHeaders, body: CalendarYearBody, response: { 200: CalendarYear } }, onRequest: app.authenticate }, async (request, reply) =>
    withETag(reply, await calendar.saveYear(requestContext(request), request.params.year, request.body, expectedVersion(request.headers))),
  )
  app.get('/calendar/years/:year/export', { config: { tokenPermission: 'org.read' }, schema: { tags: ['calendar'], summary: 'The year as a file to import elsewhere', params: YearParams, response: { 200: CalendarYearBody } }, onRequest: app.authenticate }, async (request, reply) => {
    const year = await calendar.getYear(request.params.year)
    void reply.header('content-disposition', `attachment; filename="lich-lam-viec-${year.year}.json"`)
    return { year: year.year, status: year.status, sources: year.sources, days: year.days }
  })
  app.get('/agencies/:id/office-hours', { config: { tokenPermission: 'org.read' }, schema: { tags: ['calendar'], params: IdParams, response: { 200: OfficeHoursRecord } }, onRequest: app.authenticate }, async (request, reply) =>
    withETag(reply, await calendar.getOfficeHours(requestContext(request), request.params.id)),
  )
  app.put('/agencies/:id/office-hours', { config: { tokenPermission: 'org.manage' }, schema: { tags: ['calendar'], params: IdParams, headers: IfMatchHeaders, body: OfficeHours, response: { 200: OfficeHoursRecord } }, onRequest: app.authenticate }, async (request, reply) =>
    withETag(reply, await calendar.setOfficeHours(requestContext(request), request.params.id, request.body, expectedVersion(request.headers))),
  )
  app.get('/public/due-date', { schema: { tags: ['calendar'], summary: 'Submitted now (or at receivedAt), when is the result due?', querystring: DueDateQuery, response: { 200: DueDate } }, config: { rateLimit: publicRateLimit } }, (request) =>
    calendar.dueDate(request.query),
  )
}
