import { describe, expect, it } from 'vitest'
import { dueDateQuery, formatLimitValue, limitIssue, parseLimitValue } from './dueDate.ts'

describe('limitIssue', () => {
  it('accepts half working days and whole other units', () => {
    expect(limitIssue(0.5, 'working_days')).toBeNull()
    expect(limitIssue(3, 'working_hours')).toBeNull()
    expect(limitIssue(0.5, 'calendar_days')).toBe('step')
    expect(limitIssue(1.25, 'working_days')).toBe('step')
  })
  it('refuses missing, negative and implausible limits', () => {
    expect(limitIssue(null, 'months')).toBe('required')
    expect(limitIssue(Number.NaN, 'months')).toBe('required')
    expect(limitIssue(-1, 'months')).toBe('negative')
    expect(limitIssue(121, 'months')).toBe('tooLarge')
    expect(limitIssue(1000, 'working_days')).toBeNull()
  })
})

describe('dueDateQuery', () => {
  it('sends the cut-off and agency only when given', () => {
    expect(dueDateQuery({ value: 3, unit: 'working_days', cutoff: '15:00' })).toEqual({ value: 3, unit: 'working_days', dueTime: 'end_of_day', cutoff: '15:00' })
    expect(dueDateQuery({ value: 2, unit: 'months', cutoff: null, agencyId: 'a1' })).toEqual({ value: 2, unit: 'months', dueTime: 'end_of_day', agencyId: 'a1' })
  })
})

describe('formatLimitValue', () => {
  it('writes decimals the reader’s way', () => {
    expect(formatLimitValue(0.5, 'vi')).toBe('0,5')
    expect(formatLimitValue(0.5, 'en')).toBe('0.5')
    expect(formatLimitValue(3, 'vi')).toBe('3')
  })
})

describe('parseLimitValue', () => {
  it('reads a decimal comma or point', () => {
    expect(parseLimitValue(' 3 ')).toBe(3)
    expect(parseLimitValue('2,5')).toBe(2.5)
    expect(parseLimitValue('2.5')).toBe(2.5)
    expect(parseLimitValue('-1')).toBe(-1)
  })
  it('returns null for empty or other text', () => {
    for (const text of ['', ' ', 'ba', '1e3', '2,5,1', '0x10']) expect(parseLimitValue(text)).toBeNull()
  })
})
