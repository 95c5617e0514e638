export { testPlugin } from './test-plugin.js';
export { checkPlugin } from './check-plugin.js';
export { planChecks, testkitTimeoutMs } from './plan-checks.js';
export type { CheckResult, PluginCase, PluginCheck, PluginTestOptions, TestFramework } from './types.js';
