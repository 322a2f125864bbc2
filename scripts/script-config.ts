/**
 * The server's configuration for a command-line script: a bad setting is printed as a
 * configuration error and the script exits 78 (EX_CONFIG), as the server does.
 */
import { ConfigError, loadConfig, type Config } from '../server/config.ts'

export function loadConfigOrExit(): Config {
  try {
    return loadConfig()
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    console.error(`Configuration error: ${error.message}`)
    process.exit(78)
  }
}
