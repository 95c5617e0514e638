// Yarn Plug'n'Play for ES modules in an isolated plugin's process, on Node
// versions with module.registerHooks (22.15+, 24): Yarn's own ESM loader runs
// in a worker thread, which the permission model forbids. These hooks run in
// the plugin's thread; they resolve through the PnP map (from the project's
// .pnp.cjs, loaded with --require before this file) and read through its fs,
// which serves files from zip archives. Built into dist/pnp-hooks.cjs.
import fs from 'node:fs';
import module from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

interface PnpResolver {
  resolveToUnqualified(request: string, issuer: string): string | null;
  resolveRequest(request: string, issuer: string, options: { conditions: Set<string>; extensions?: string[] | undefined }): string | null;
}

interface HookContext {
  conditions?: string[];
  parentURL?: string | undefined;
}

type Next<T> = (specifier: string, context: HookContext) => T;

const { findPnpApi, registerHooks } = module as unknown as {
  findPnpApi(location: string): PnpResolver | null;
  registerHooks(hooks: {
    resolve(specifier: string, context: HookContext, next: Next<unknown>): unknown;
    load(url: string, context: HookContext, next: Next<unknown>): unknown;
  }): void;
};

const isBare = (specifier: string) => !/^(?:[./]|\.\.?(?:\/|$)|[a-z][a-z0-9+.-]*:)/i.test(specifier) && !specifier.startsWith('#');

registerHooks({
  resolve(specifier, context, next) {
    // Builtins, data: URLs and require() (already patched by .pnp.cjs) go on as they are.
    if (module.isBuiltin(specifier) || /^(?:data|node):/.test(specifier) || context.conditions?.includes('require')) return next(specifier, context);
    const issuer = context.parentURL?.startsWith('file:') ? fileURLToPath(context.parentURL) : `${process.cwd()}${path.sep}`;
    const request = specifier.startsWith('file:') ? fileURLToPath(specifier) : specifier;
    const pnp = findPnpApi(issuer) ?? (path.isAbsolute(request) ? findPnpApi(request) : null);
    if (!pnp) return next(specifier, context);
    let extensions: string[] | undefined = [];
    const bare = isBare(request) ? /^((?:@[^/]+\/)?[^/]+)(\/.*)?$/.exec(request) : null;
    if (bare && !bare[2]) {
      // A package without "exports" resolves its "main" the CommonJS way.
      const manifest = pnp.resolveToUnqualified(`${bare[1]}/package.json`, issuer);
      if (manifest && readJson(manifest)?.['exports'] == null) extensions = undefined;
    }
    const resolved = pnp.resolveRequest(request, issuer, { conditions: new Set(context.conditions), extensions });
    return resolved ? { url: pathToFileURL(resolved).href, shortCircuit: true } : next(specifier, context);
  },
  load(url, context, next) {
    if (!url.startsWith('file:')) return next(url, context);
    const file = fileURLToPath(url);
    const format = formatOf(file);
    if (!format) return next(url, context);
    return { format, source: fs.readFileSync(file, format === 'json' ? 'utf8' : undefined), shortCircuit: true };
  },
});

function readJson(file: string): Record<string, unknown> | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    // Unreadable or not JSON: no manifest to go by.
    return null;
  }
}

function formatOf(file: string): 'module' | 'commonjs' | 'json' | undefined {
  switch (path.extname(file)) {
    case '.mjs':
      return 'module';
    case '.cjs':
      return 'commonjs';
    case '.json':
      return 'json';
    case '.js':
      return packageScope(file)?.['type'] === 'module' ? 'module' : 'commonjs';
    default:
      return undefined;
  }
}

// The package.json that decides a .js file's module type: the nearest one up.
function packageScope(file: string): Record<string, unknown> | null {
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    if (dir.endsWith(`${path.sep}node_modules`)) return null;
    const manifest = readJson(path.join(dir, 'package.json'));
    if (manifest) return manifest;
    if (path.dirname(dir) === dir) return null;
  }
}
