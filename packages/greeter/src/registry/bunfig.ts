import path from 'node:path';
import { errorFrom } from '@greeter/core';
import { registryMessages } from '@greeter/core/messages';
import { readTextFile } from '@greeter/host/internal';
import { parse } from 'smol-toml';
import { isObject } from './is-object.js';

/** A registry bun's `bunfig.toml` sets, with its credentials as a header. */
export interface BunfigRegistry {
  url: string;
  authorization: string | undefined;
  /** The file that set it. */
  source: string;
  /** The setting: `install.registry`, or `install.scopes` for a scoped package. */
  setting: 'install.registry' | 'install.scopes';
}

/**
 * The registry bun's config files set for `packageName`, as bun reads them
 * (checked against bun 1.4): the project's `bunfig.toml`, else the user's
 * (`$XDG_CONFIG_HOME/.bunfig.toml` when that variable is set, else
 * `~/.bunfig.toml`); `[install.scopes]` (the scope with or without its `@`)
 * for a scoped package, else `[install] registry`. A value is a URL (which
 * may hold `user:password@`) or a table `{ url, token }` /
 * `{ url, username, password }`; `$VAR` and `${VAR}` come from the
 * environment. Undefined when no file sets one.
 *
 * @throws GreeterError `GREETER_CONFIG_INVALID` naming a file that cannot be read or parsed.
 */
export function readBunfigRegistry(
  projectRoot: string | undefined,
  packageName: string | undefined,
  env: Record<string, string | undefined>,
  home: string,
): BunfigRegistry | undefined {
  const user = env['XDG_CONFIG_HOME'] ? path.join(env['XDG_CONFIG_HOME'], '.bunfig.toml') : path.join(home, '.bunfig.toml');
  const files = [...(projectRoot === undefined ? [] : [path.join(projectRoot, 'bunfig.toml')]), user];
  const scope = packageName?.startsWith('@') ? packageName.slice(0, packageName.indexOf('/')) : undefined;
  const installs = files.flatMap((file) => {
    const install = readBunfig(file)?.['install'];
    return isObject(install) ? [{ file, install }] : [];
  });
  for (const { file, install } of scope === undefined ? [] : installs) {
    const scopes = isObject(install['scopes']) ? install['scopes'] : {};
    const value = scopes[scope!] ?? scopes[scope!.slice(1)];
    const found = value === undefined ? undefined : registryOf(value, env);
    if (found) return { ...found, source: file, setting: 'install.scopes' };
  }
  for (const { file, install } of installs) {
    const found = install['registry'] === undefined ? undefined : registryOf(install['registry'], env);
    if (found) return { ...found, source: file, setting: 'install.registry' };
  }
  return undefined;
}

// `"https://user:pass@host/"` or `{ url, token }` / `{ url, username, password }`.
function registryOf(value: unknown, env: Record<string, string | undefined>): { url: string; authorization: string | undefined } | undefined {
  const fields = typeof value === 'string' ? { url: value } : isObject(value) ? value : {};
  const text = (key: string) => (typeof fields[key] === 'string' ? expand(fields[key] as string, env) : undefined);
  const given = text('url');
  if (given === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(given);
  } catch {
    return undefined;
  }
  const username = text('username') ?? decodeURIComponent(url.username);
  const password = text('password') ?? decodeURIComponent(url.password);
  url.username = '';
  url.password = '';
  const token = text('token');
  const basic = username !== '' ? `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}` : undefined;
  return { url: url.href, authorization: token ? `Bearer ${token}` : basic };
}

function expand(text: string, env: Record<string, string | undefined>): string {
  return text.replace(/\$\{(\w+)\}|\$(\w+)/g, (_whole, braced: string | undefined, bare: string | undefined) => env[(braced ?? bare)!] ?? '');
}

function readBunfig(file: string): Record<string, unknown> | undefined {
  let text: string;
  try {
    text = readTextFile(file);
  } catch (error) {
    const { code } = error as NodeJS.ErrnoException;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw errorFrom(registryMessages.bunfigUnreadable, { file, reason: (error as Error).message });
  }
  try {
    return parse(text);
  } catch (error) {
    throw errorFrom(registryMessages.bunfigUnparsable, { file, reason: (error as Error).message }, { cause: error });
  }
}
