import { describe, expect, it } from 'vitest'
import { acceptsOnline, countableLimit, factKey, feeAmount, formatVnd, isMissing, isTemplated, limitView, safeHref } from './procedureText.ts'

describe('limitView', () => {
  it('tells a fixed limit, a same-day limit and an unpublished one apart', () => {
    expect(limitView({ value: 5, unit: 'working_days', cutoff: null, note: null })).toEqual({ kind: 'fixed', value: 5, unit: 'working_days' })
    expect(limitView({ value: 0, unit: 'working_days', cutoff: '15:00', note: null })).toEqual({ kind: 'sameDay' })
    expect(limitView({ value: null, unit: null, cutoff: null, note: 'theo hồ sơ' })).toEqual({ kind: 'unknown' })
    expect(limitView({ value: 3, unit: null, cutoff: null, note: null })).toEqual({ kind: 'unknown' })
  })
  it('gives the calculator only limits it can count', () => {
    expect(countableLimit({ value: 2, unit: 'months', cutoff: null, note: null })).toEqual({ value: 2, unit: 'months', cutoff: null })
    expect(countableLimit({ value: null, unit: 'months', cutoff: null, note: null })).toBeNull()
  })
})

describe('fees', () => {
  it('formats VND the Vietnamese way', () => {
    expect(formatVnd(1500000)).toBe('1.500.000')
    expect(feeAmount(0)).toEqual({ kind: 'free' })
    expect(feeAmount(null)).toEqual({ kind: 'council' })
    expect(feeAmount(50000)).toEqual({ kind: 'amount', text: '50.000' })
  })
})

describe('provenance lists', () => {
  it('recognise facts however they are written', () => {
    expect(factKey('timeLimit')).toBe('timeLimit')
    expect(factKey('time_limit')).toBe('timeLimit')
    expect(factKey('Fees')).toBe('fees')
    expect(factKey('something else')).toBeNull()
    expect(factKey('documents.form')).toBe('documentsForm')
    expect(factKey('timeLimit.unit')).toBe('timeLimitUnit')
    const provenance = { missing: ['time_limit', 'fee'], templated: ['workflow'] }
    expect(isMissing(provenance, 'timeLimit')).toBe(true)
    expect(isMissing(provenance, 'fees')).toBe(true)
    expect(isMissing(provenance, 'documents')).toBe(false)
    expect(isTemplated(provenance, 'workflow')).toBe(true)
    // A missing part is not the whole fact missing.
    expect(isMissing({ missing: ['documents.form'], templated: [] }, 'documents')).toBe(false)
    expect(isMissing({ missing: ['documents.form'], templated: [] }, 'documentsForm')).toBe(true)
  })
})

describe('safeHref', () => {
  it('links only http(s) and same-site addresses', () => {
    expect(safeHref('https://dichvucong.gov.vn/mau.docx')).toBe('https://dichvucong.gov.vn/mau.docx')
    expect(safeHref('/files/mau.docx')).toBe('/files/mau.docx')
    expect(safeHref('javascript:alert(1)')).toBeNull()
    expect(safeHref('//evil.example/x')).toBeNull()
    expect(safeHref('Cổng DVC quốc gia')).toBeNull()
    expect(safeHref(null)).toBeNull()
  })
})

describe('acceptsOnline', () => {
  it('is true for full and partial online levels', () => {
    expect(acceptsOnline('full')).toBe(true)
    expect(acceptsOnline('partial')).toBe(true)
    expect(acceptsOnline('none')).toBe(false)
  })
})
