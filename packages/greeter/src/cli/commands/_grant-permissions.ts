import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import { displayText, errorFrom, type PluginPermissions } from '@greeter/core';
import { installMessages } from '@greeter/core/messages';
import type { LoadedConfig } from '@greeter/host';
import { readTextFile } from '@greeter/host/internal';
import { applyEdits, modify } from 'jsonc-parser';
import type { CommandContext } from '../context.js';

/** What a plugin asks for, and what the user grants it (or had granted already). */
export interface GrantDecision {
  asked: Required<PluginPermissions>;
  /** What it is granted once added: the config's grant, with what the user granted now. */
  granted: Required<PluginPermissions>;
  /** Whether a grant is to be written to the config once the plugin is added. */
  write: boolean;
}

// The config files whose grants greeter can edit in place (JSON).
const editable = new Set(['.greeterrc.json', '.greeterrc', 'package.json']);

/**
 * What `greeter add` grants a plugin that asks for the network or variables
 * (§4b): said on stderr; on a terminal the user is asked; `--yes` grants;
 * elsewhere nothing is granted, and the note says how to grant. Decided
 * before the install, so the plugin's isolated check runs with the grant.
 */
export async function decideGrant(
  context: CommandContext,
  name: string,
  asked: Required<PluginPermissions>,
  config: LoadedConfig | null,
): Promise<GrantDecision> {
  const had = config?.config.permissions?.[name];
  const already = { net: had?.net === true, env: had?.env ?? [] };
  const missing = { net: asked.net && !already.net, env: asked.env.filter((variable) => !already.env.includes(variable)) };
  const none = { asked, granted: already, write: false };
  if (!missing.net && missing.env.length === 0) return none;
  const note = (text: string) => void context.stderr.write(`${context.paint.stderr('dim', 'greeter:')} ${text}\n`);
  note(`${name} asks for ${describe(missing)}, which an isolated plugin does not get unless you grant it.`);
  const granted = { net: already.net || missing.net, env: [...already.env, ...missing.env] };
  if (context.args.flags['yes'] === true) return { asked, granted, write: true };
  const terminal = !context.args.json && context.stdin.isTTY === true && context.stderr.isTTY === true;
  if (terminal && (await confirm(context, `Grant ${name} ${describe(missing)}? [y/N] `))) return { asked, granted, write: true };
  note(`Not granted. To grant it later, add to ${displayText(configFileFor(context, config))}: ${grantSnippet(name, granted)}`);
  return none;
}

/**
 * Writes a plugin's grant into the config in force (a JSON one: edited in
 * place, its other keys kept), or into a new `.greeterrc.json` in the
 * project (or the home folder, for a global add) when there is none.
 *
 * @throws GreeterError `GREETER_CONFIG_INVALID` when the config is a module or YAML, which greeter does not rewrite.
 */
export function writeGrant(context: CommandContext, config: LoadedConfig | null, name: string, grant: Required<PluginPermissions>): string {
  const file = configFileFor(context, config);
  if (!editable.has(path.basename(file))) {
    throw errorFrom(installMessages.grantNotWritten, { name, file, grant: grantSnippet(name, grant) });
  }
  const text = existsSync(file) ? readTextFile(file) : '{}\n';
  const at = path.basename(file) === 'package.json' ? ['greeter', 'permissions', name] : ['permissions', name];
  const value = { net: grant.net, ...(grant.env.length > 0 ? { env: grant.env } : {}) };
  writeFileSync(file, applyEdits(text, modify(text, at, value, { formattingOptions: { insertSpaces: true, tabSize: 2 } })));
  return file;
}

/** The config file grants go to: the one in force, else `.greeterrc.json` in the project (or home, for -g). */
function configFileFor(context: CommandContext, config: LoadedConfig | null): string {
  if (config) return config.filepath;
  const folder = context.args.flags['global'] === true ? (context.env['HOME'] ?? context.cwd) : context.cwd;
  return path.join(folder, '.greeterrc.json');
}

function describe({ net, env }: Required<PluginPermissions>): string {
  const variables = env.map((variable) => displayText(variable, 64));
  const parts = [...(net ? ['the network'] : []), ...(variables.length > 0 ? [`the variable${variables.length > 1 ? 's' : ''} ${variables.join(', ')}`] : [])];
  return parts.join(' and ');
}

function grantSnippet(name: string, { net, env }: Required<PluginPermissions>): string {
  return `"permissions": { "${name}": ${JSON.stringify({ net, ...(env.length > 0 ? { env } : {}) })
    .replaceAll(',', ', ')
    .replaceAll(':', ': ')} }`;
}

async function confirm(context: CommandContext, question: string): Promise<boolean> {
  const readline = createInterface({ input: context.stdin, output: context.stderr as NodeJS.WritableStream, terminal: true });
  try {
    return /^y(es)?$/i.test((await readline.question(question)).trim());
  } finally {
    readline.close();
  }
}
