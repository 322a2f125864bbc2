/**
 * Password hashing with argon2id (OWASP parameters: 19 MiB memory, 2 passes, 1 lane) and the
 * password policy. Verification against a dummy hash for unknown users keeps a wrong user name
 * and a wrong password equally slow.
 */
import { hash, verify } from '@node-rs/argon2'

const OPTIONS = { algorithm: 2 /* Algorithm.Argon2id (a const enum) */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const

export function hashPassword(password: string): Promise<string> {
  return hash(password.normalize('NFC'), OPTIONS)
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password.normalize('NFC'))
  } catch {
    return false
  }
}

let dummyHash: Promise<string> | undefined
/** Spends the same time as a real verification, for user names that do not exist. */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword('dummy-password-for-timing-equalisation')
  await verifyPassword(await dummyHash, password)
  return false
}

export const PASSWORD_MIN_LENGTH = 10

/** Returns the reasons a new password is refused (empty when it is acceptable). */
export function passwordProblems(password: string, username: string): string[] {
  const problems: string[] = []
  if ([...password].length < PASSWORD_MIN_LENGTH) problems.push(`at least ${PASSWORD_MIN_LENGTH} characters`)
  if (password.toLowerCase().includes(username.toLowerCase())) problems.push('must not contain the user name')
  if (/^(.)\1*$/.test(password)) problems.push('must not repeat one character')
  return problems
}
