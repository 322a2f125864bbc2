import { describe, expect, it } from 'vitest'
import { todayInVietnam } from '../../format/dates.ts'
import { ANY_DATE, readValidOn, writeValidOn } from './validOn.ts'

describe('valid-on filter in the address', () => {
  it('defaults to today in Vietnam and accepts an explicit date or any date', () => {
    expect(readValidOn(new URLSearchParams())).toBe(todayInVietnam())
    expect(readValidOn(new URLSearchParams('validOn=2025-06-30'))).toBe('2025-06-30')
    expect(readValidOn(new URLSearchParams(`validOn=${ANY_DATE}`))).toBeNull()
    expect(readValidOn(new URLSearchParams('validOn=30/06/2025'))).toBe(todayInVietnam())
  })
  it('writes today as no parameter and keeps other parameters', () => {
    const params = new URLSearchParams('level=commune&validOn=2025-06-30')
    expect(writeValidOn(params, todayInVietnam()).toString()).toBe('level=commune')
    expect(writeValidOn(params, null).get('validOn')).toBe(ANY_DATE)
    expect(writeValidOn(params, '2020-01-01').get('level')).toBe('commune')
  })
})
