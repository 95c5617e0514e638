import type { GreeterErrorCode, GreetOptions } from '@greeter/core';

/** One greeting to check: the options passed to `greet`, and what must come back. */
export interface PluginCase {
  /** The test's name. Default: made from `options`. */
  name?: string;
  /** What `greet` is called with. Default: `{}`. */
  options?: GreetOptions;
  /** The exact greeting, or a pattern it must match. */
  expected?: string | RegExp;
  /** Instead of a greeting: the contract error the greeting must fail with. */
  expectedError?: { code: GreeterErrorCode };
}

/** What the conformance suite checks. */
export interface PluginTestOptions {
  /** The plugin's package folder (holding package.json), as a path or file URL. Default: `process.cwd()`. */
  dir?: string | URL;
  /** Greetings to check beyond the contract's own. */
  cases?: PluginCase[];
  /**
   * Milliseconds loading the entry, and each `greet` call, may take.
   * Default: 2000 (`testkitTimeoutMs`), below vitest's 5 s per test,
   * so a hanging plugin fails with `GREETER_GREET_TIMEOUT`.
   */
  timeoutMs?: number;
}

/** One named check; `run` throws when the plugin breaks the contract. */
export interface PluginCheck {
  /** A stable id to assert on: `package-name`, `loads`, `no-runtime-core`, `case:1`, … */
  id: string;
  /** The test name a framework shows. */
  title: string;
  run(): Promise<void>;
}

/** The outcome of one check, as data. */
export interface CheckResult {
  id: string;
  title: string;
  ok: boolean;
  /** The contract error code the check failed with, if it failed with one. */
  code?: GreeterErrorCode | undefined;
  /** Why it failed, without the code. */
  message?: string | undefined;
  /** What the plugin's author can do about it. */
  hint?: string | undefined;
}

/** The two functions of a test framework the suite registers with (vitest, node:test, jest, mocha). */
export interface TestFramework {
  describe(name: string, body: () => void): unknown;
  it(name: string, body: () => Promise<void>): unknown;
}
