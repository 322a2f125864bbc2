/**
 * The module boundaries of eslint.config.js bite (ADR 0012): ESLint's own API lints planted
 * imports as if they were files of the repository. Nothing is written to disk.
 */
import { fileURLToPath } from 'node:url'
import { ESLint } from 'eslint'
import { beforeAll, describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('..', import.meta.url))
let eslint: ESLint

beforeAll(() => {
  eslint = new ESLint({ cwd: root })
})

/** The rule ids of the errors ESLint reports for `code` as the file `filePath`. */
async function errors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath })
  return result!.messages.filter((m) => m.severity === 2).map((m) => `${m.ruleId}: ${m.message}`)
}

describe('module boundaries', () => {
  it("refuses a module importing another module's internals", async () => {
    const found = await errors('server/modules/procedures/planted.ts', "import { loadYears } from '../calendar/calendar.repository.ts'\nexport const planted = loadYears\n")
    expect(found).toContainEqual(expect.stringMatching(/^boundaries\/dependencies: .*module="procedures".*module="calendar"/))
  })

  it("refuses the same from a module's subfolder", async () => {
    const found = await errors('server/modules/procedures/import/planted.ts', "import { findUnit } from '../../org/org.repository.ts'\nexport const planted = findUnit\n")
    expect(found).toContainEqual(expect.stringMatching(/^boundaries\/dependencies: /))
  })

  it("allows another module's index.ts, and a module's own files", async () => {
    expect(await errors('server/modules/procedures/planted.ts', "import { calendarRoutes } from '../calendar/index.ts'\nexport const planted = calendarRoutes\n")).toEqual([])
    expect(await errors('server/modules/procedures/import/planted.ts', "import { createProcedureService } from '../procedures.service.ts'\nexport const planted = createProcedureService\n")).toEqual([])
  })

  it('refuses platform importing a module, even through its index.ts', async () => {
    const found = await errors('server/platform/planted.ts', "import { calendarRoutes } from '../modules/calendar/index.ts'\nexport const planted = calendarRoutes\n")
    expect(found).toContainEqual(expect.stringMatching(/^boundaries\/dependencies: .*type "platform".*type "module"/))
  })

  it("refuses server/app.ts reaching past a module's index.ts", async () => {
    const found = await errors('server/app.ts', "import { loadYears } from './modules/calendar/calendar.repository.ts'\nexport const planted = loadYears\n")
    expect(found).toContainEqual(expect.stringMatching(/^boundaries\/dependencies: .*type "app"/))
  })

  it('refuses the web app importing server code', async () => {
    const found = await errors('web/src/planted.ts', "import { APP_VERSION } from '../../server/app.ts'\nexport const planted = APP_VERSION\n")
    expect(found).toContainEqual(expect.stringMatching(/^boundaries\/dependencies: .*type "web"/))
  })
})
