import { describe, expect, it } from 'vitest'
import { AppError } from '../errors.ts'
import { assertVersion, constraintViolation, etag, expectedVersion, mapConstraintViolation } from './concurrency.ts'

const violation = (code: string, constraint: string) => Object.assign(new Error('violation'), { code, constraint })

describe('constraint violations', () => {
  it('maps a known unique or exclusion violation to its domain code with the field it is about', () => {
    expect(mapConstraintViolation(violation('23505', 'users_username_key'))).toMatchObject({ code: 'user.username_taken', status: 409, extensions: { errors: [{ field: '/body/username' }] } })
    expect(mapConstraintViolation(violation('23P01', 'agency_identity_codes_code_excl'))).toMatchObject({ code: 'agency.code_taken', status: 409 })
  })

  it('finds the violation in the cause of an error', () => {
    const wrapped = new Error('outer', { cause: violation('23505', 'procedures_national_code_key') })
    expect(mapConstraintViolation(wrapped)?.code).toBe('procedure.code_taken')
  })

  it('leaves unknown constraints, other SQLSTATEs and plain errors unmapped', () => {
    expect(mapConstraintViolation(violation('23505', 'unknown_key'))).toBeNull()
    expect(mapConstraintViolation(violation('23502', 'users_username_key'))).toBeNull()
    expect(mapConstraintViolation(violation('23505', 'toString'))).toBeNull()
    expect(mapConstraintViolation(new Error('boom'))).toBeNull()
    expect(constraintViolation(null)).toBeNull()
  })
})

describe('If-Match', () => {
  it('reads one strong entity tag as the expected version; absent or * expects none', () => {
    expect(expectedVersion({ 'if-match': '"7"' })).toBe(7)
    expect(expectedVersion({ 'if-match': ' "12" ' })).toBe(12)
    expect(expectedVersion({})).toBeUndefined()
    expect(expectedVersion({ 'if-match': '*' })).toBeUndefined()
    expect(etag(7)).toBe('"7"')
  })

  it('refuses weak tags, lists and bare numbers with request.invalid naming the header', () => {
    for (const value of ['W/"7"', '"7", "8"', '7', '""', '"1234567890"']) {
      expect(() => expectedVersion({ 'if-match': value }), value).toThrow(AppError)
      try {
        expectedVersion({ 'if-match': value })
      } catch (error) {
        expect((error as AppError).code).toBe('request.invalid')
        expect((error as AppError).extensions).toMatchObject({ errors: [{ field: '/headers/if-match' }] })
      }
    }
  })

  it('answers a stale version with request.stale carrying the current version', () => {
    expect(() => assertVersion(undefined, 3)).not.toThrow()
    expect(() => assertVersion(3, 3)).not.toThrow()
    try {
      assertVersion(2, 3)
      expect.unreachable()
    } catch (error) {
      expect(error).toMatchObject({ code: 'request.stale', status: 409, extensions: { currentVersion: 3 } })
    }
  })
})
