/**
 * User-name rule of the contract (Username in contracts/org.ts): lower-case letters, digits,
 * `.`, `_`, `-`; 3–64 characters, starting with a letter or digit. Upper-case is accepted while
 * typing and lower-cased on submit.
 */
export const USERNAME_INPUT_PATTERN = '[A-Za-z0-9][A-Za-z0-9._\\-]{2,63}'
