// 'greeter/config': the typing helper for greeter.config.ts, importable
// without loading the host.
export { defineConfig } from '@greeter/host/config';
export type { GreeterConfig } from '@greeter/host/config';
