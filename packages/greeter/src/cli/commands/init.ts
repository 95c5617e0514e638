import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import { displayText, errorFrom, isLanguageWord } from '@greeter/core';
import { cliMessages } from '@greeter/core/messages';
import { defaultLanguage } from '@greeter/host';
import { configSearchPlaces } from '@greeter/host/internal';
import type { CommandContext, CommandResult } from '../context.js';
import { jsonText } from '../output.js';
import { findProjectRoot, readPackageJson } from './_change-plugins.js';

const fileName = '.greeterrc.json';

/**
 * `greeter init [--yes]`: writes `.greeterrc.json` at the project's root
 * (the nearest package.json; else the working folder) with the default
 * language. On a terminal it asks for that language, offering the
 * installed ones and `auto` (the locale's); with --yes, or elsewhere, it
 * writes `english`. A config already there is left alone.
 */
export async function run(context: CommandContext): Promise<CommandResult> {
  const folder = findProjectRoot(context.cwd) ?? context.cwd;
  const file = path.join(folder, fileName);
  const found = existingConfig(folder);
  if (found !== undefined) {
    throw errorFrom(cliMessages.configExists, { file: found });
  }
  const languages = await installedLanguages(context);
  const asks = context.args.flags['yes'] !== true && !context.args.json && context.stdin.isTTY === true && context.stderr.isTTY === true;
  const chosen = asks ? await askLanguage(context, languages) : defaultLanguage;
  const config = { default: chosen };
  writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);
  if (context.args.json) return { exitCode: 0, stdout: jsonText({ schemaVersion: 1, ok: true, file, config }) };
  return { exitCode: 0, stdout: `Wrote ${displayText(file)}: \`greeter\` now greets in ${chosen === 'auto' ? 'the language of your locale' : chosen}.\n` };
}

// A config file in the folder itself (package.json's "greeter" key counts),
// read without running a config module; one above it is fine: the new file
// takes precedence there.
function existingConfig(folder: string): string | undefined {
  return configSearchPlaces
    .map((place) => path.join(folder, place))
    .find((file) => (path.basename(file) === 'package.json' ? readPackageJson(file)?.['greeter'] !== undefined : existsSync(file)));
}

async function installedLanguages(context: CommandContext): Promise<string[]> {
  try {
    const { candidates } = await context.createHost({ config: null }).discover();
    return [...new Set(candidates.map((candidate) => candidate.languages[0]).filter((language) => language !== undefined))].sort();
  } catch {
    return [defaultLanguage];
  }
}

async function askLanguage(context: CommandContext, languages: string[]): Promise<string> {
  const choices = [...languages, 'auto'];
  const readline = createInterface({ input: context.stdin, output: context.stderr as NodeJS.WritableStream, terminal: true });
  try {
    for (;;) {
      const answer = (
        await readline.question(`Default language (${choices.map((choice) => displayText(choice, 40)).join(', ')}) [${defaultLanguage}]: `)
      ).trim();
      if (answer === '') return defaultLanguage;
      if (isLanguageWord(answer)) return answer.toLowerCase();
      context.stderr.write(`${displayText(answer, 40)} is not a language word; type one of the languages above, or auto.\n`);
    }
  } finally {
    readline.close();
  }
}
