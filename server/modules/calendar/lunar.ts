/**
 * Vietnamese lunar calendar, through @nghiavuive/lunar_date_vi (ISC): Hồ Ngọc Đức's tables,
 * with new moons reckoned at UTC+7 from 1968 (UTC+8 before), which is why Tết 1985 and 2007
 * differ from China's. Used only to suggest Tết and the Hùng Kings' day; the official days
 * off are whatever the government announces (see calendar README).
 */
import { LunarDate, SolarDate } from '@nghiavuive/lunar_date_vi'
import { dayNumber, isoDate } from '../../platform/time/vietnam-time.ts'

export interface LunarDay {
  day: number
  month: number
  year: number
  leapMonth: boolean
}

export const LUNAR_MIN_YEAR = 1900
export const LUNAR_MAX_YEAR = 2100

function assertRange(year: number, field: string): void {
  if (!Number.isInteger(year) || year < LUNAR_MIN_YEAR || year > LUNAR_MAX_YEAR) {
    throw new RangeError(`${field}: year must be between ${LUNAR_MIN_YEAR} and ${LUNAR_MAX_YEAR}`)
  }
}

/** The lunar date of a solar date 'yyyy-MM-dd'. */
export function solarToLunar(date: string): LunarDay {
  assertRange(Number(date.slice(0, 4)), 'date')
  const solar = new SolarDate({ day: Number(date.slice(8, 10)), month: Number(date.slice(5, 7)), year: Number(date.slice(0, 4)) })
  const lunar = solar.toLunarDate().get()
  return { day: lunar.day, month: lunar.month, year: lunar.year, leapMonth: Boolean(lunar.leap_month) }
}

/** The solar date 'yyyy-MM-dd' of a lunar date. */
export function lunarToSolar(lunar: LunarDay): string {
  assertRange(lunar.year, 'lunar year')
  const date = new LunarDate({ day: lunar.day, month: lunar.month, year: lunar.year, leap_month: lunar.leapMonth })
  date.init()
  const solar = date.toSolarDate().get()
  const iso = `${solar.year}-${String(solar.month).padStart(2, '0')}-${String(solar.day).padStart(2, '0')}`
  // A lunar date that does not exist (e.g. day 30 of a 29-day month) would roll over: refuse it.
  const back = solarToLunar(iso)
  if (back.day !== lunar.day || back.month !== lunar.month || back.leapMonth !== lunar.leapMonth) {
    throw new RangeError(`no such lunar date: ${lunar.day}/${lunar.month}${lunar.leapMonth ? ' (leap)' : ''}/${lunar.year}`)
  }
  return iso
}

/** First day of the lunar year (mùng 1 Tết) that begins in the solar year. */
export function lunarNewYear(year: number): string {
  return lunarToSolar({ day: 1, month: 1, year, leapMonth: false })
}

/** The day before lunar New Year: the last day of the old lunar year (29 or 30 tháng Chạp). */
export function lunarNewYearsEve(year: number): string {
  return isoDate(dayNumber(lunarNewYear(year)) - 1)
}
