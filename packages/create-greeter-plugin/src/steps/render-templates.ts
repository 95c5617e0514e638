import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ScaffoldContext, ScaffoldStep } from '../context.js';
import { commandLines } from '../package-manager.js';
import { greeterRange, toolVersions } from '../versions.js';
import { greetingText } from './ask-greeting.js';

const templateDir = fileURLToPath(new URL('../../templates/plugin/', import.meta.url));

/**
 * Fills every file of templates/plugin/ (each stored as `<name>.tmpl`, so no
 * tool mistakes a template for real source) into `context.files`.
 * `gitignore` becomes `.gitignore`: npm drops .gitignore files from packages.
 */
export const renderTemplates: ScaffoldStep = (context) => {
  const values = templateValues(context);
  for (const relative of listFiles(templateDir)) {
    const target = relative.replace(/\.tmpl$/, '').replace(/^gitignore$/, '.gitignore');
    const content = readFileSync(path.join(templateDir, relative), 'utf8');
    context.files.set(
      target,
      content.replace(/\{\{([\w.]+)\}\}/g, (_, key: string) => lookup(values, key)),
    );
  }
};

function templateValues(context: ScaffoldContext): Record<string, unknown> {
  const { language, packageName, packageManager } = context;
  const commands = commandLines(packageManager);
  return {
    language,
    Language: language.charAt(0).toUpperCase() + language.slice(1),
    packageName,
    coreRange: greeterRange,
    versions: toolVersions,
    year: String(context.now.getFullYear()),
    authorName: context.authorship.author.name,
    authorJson: JSON.stringify(authorText(context.authorship.author)),
    repositoryJson: JSON.stringify(context.authorship.repository, null, 2).replaceAll('\n', '\n  '),
    greeting: greetingText(context.greeting),
    greetingForAda: greetingText(context.greeting, 'Ada'),
    greetingJson: JSON.stringify(greetingText(context.greeting)),
    greetingForAdaJson: JSON.stringify(greetingText(context.greeting, 'Ada')),
    helloJson: JSON.stringify(context.greeting.hello),
    universeJson: JSON.stringify(context.greeting.universe),
    commands: {
      install: commands.install,
      test: commands.run('test'),
      changeset: commands.run('changeset'),
      versionPackages: commands.run('version-packages'),
      release: commands.run('release'),
    },
  };
}

// npm's one-line form: `Name <email> (url)`.
function authorText(author: ScaffoldContext['authorship']['author']): string {
  return [author.name, author.email && `<${author.email}>`, author.url && `(${author.url})`].filter(Boolean).join(' ');
}

function lookup(values: Record<string, unknown>, key: string): string {
  const value = key.split('.').reduce<unknown>((object, part) => (object as Record<string, unknown> | undefined)?.[part], values);
  if (typeof value !== 'string') throw new Error(`The template names {{${key}}}, which has no value.`);
  return value;
}

function listFiles(folder: string, prefix = ''): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(path.join(folder, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`],
  );
}
