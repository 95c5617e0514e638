import type { GreeterConfig } from './validate-config.js';

/**
 * Identity helper for `greeter.config.ts` (or `.js`): returns its argument,
 * typed, so editors complete and check the keys.
 *
 * @example
 * import { defineConfig } from 'greeter/config';
 * export default defineConfig({ default: 'chinese', aliases: { zh: 'chinese' } });
 */
export function defineConfig(config: GreeterConfig): GreeterConfig {
  return config;
}

export type { GreeterConfig };
