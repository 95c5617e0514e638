import { Module } from 'node:module';
import path from 'node:path';

interface CompilableModule {
  filename: string;
  paths: string[];
  exports: unknown;
  _compile(code: string, filename: string): void;
}

/**
 * Cosmiconfig loader for `.greeterrc.ts` and `greeter.config.ts`. Node 20
 * cannot run TypeScript, so the file is stripped of types with sucrase (pure
 * JavaScript, loaded only here) and run as CommonJS beside its own folder,
 * so its relative imports still resolve.
 */
export async function loadTsConfig(filepath: string, content: string): Promise<unknown> {
  const { transform } = await import('sucrase');
  const { code } = transform(content, { transforms: ['typescript', 'imports'], filePath: filepath });
  const compiled = new Module(filepath) as unknown as CompilableModule;
  compiled.filename = filepath;
  compiled.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(
    path.dirname(filepath),
  );
  compiled._compile(code, filepath);
  const exported = compiled.exports as { default?: unknown; __esModule?: boolean } | undefined;
  return exported?.__esModule ? exported.default : exported;
}
