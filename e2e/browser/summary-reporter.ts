/**
 * A Playwright reporter that prints one last line, exactly `<passed> passed, <failed> failed`, the
 * form .ci/run's `smoke` steps count. A test counts as passed when its final outcome is expected
 * (or flaky: it passed on a retry); unexpected outcomes (failed, timed out, interrupted) count as
 * failed; skipped tests count as neither. A failure outside any test (the global setup, a worker
 * crash) adds one failure, so a run that could not test anything never reads `0 passed, 0 failed`.
 */
import type { FullResult, Reporter, TestCase, TestError, TestResult } from '@playwright/test/reporter'

export default class SummaryReporter implements Reporter {
  private readonly outcomes = new Map<string, ReturnType<TestCase['outcome']>>()
  private outsideErrors = 0

  onTestEnd(test: TestCase, _result: TestResult): void {
    this.outcomes.set(test.id, test.outcome())
  }

  onError(_error: TestError): void {
    this.outsideErrors += 1
  }

  onEnd(result: FullResult): void {
    let passed = 0
    let failed = 0
    for (const outcome of this.outcomes.values()) {
      if (outcome === 'expected' || outcome === 'flaky') passed += 1
      else if (outcome === 'unexpected') failed += 1
    }
    if (failed === 0 && (this.outsideErrors > 0 || (result.status !== 'passed' && passed === 0))) failed = 1
    process.stdout.write(`${passed} passed, ${failed} failed\n`)
  }

  printsToStdio(): boolean {
    return true
  }
}
