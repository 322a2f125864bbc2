/**
 * QCVN 102:2016 identity code, e.g. 000.00.31.H99. The contract's IDENTITY_CODE_PATTERN is
 * repeated here to keep TypeBox out of the browser bundle; the type annotation below fails to
 * compile if the contract's pattern changes. Lower-case letters are accepted while typing and
 * upper-cased on submit.
 */
import type { IDENTITY_CODE_PATTERN } from '../../../../contracts/org.ts'

const CONTRACT_PATTERN: typeof IDENTITY_CODE_PATTERN = '^[0-9]{3}\\.[0-9]{2}\\.[0-9]{2}\\.[A-Z][0-9]{2}$'

/** For the HTML `pattern` attribute (anchored implicitly, case-insensitive letter). */
export const IDENTITY_CODE_INPUT_PATTERN = CONTRACT_PATTERN.slice(1, -1).replace('[A-Z]', '[A-Za-z]')
