/** Password of every demo user in the test template database. */
export const TEST_PASSWORD = 'test-password-42'
