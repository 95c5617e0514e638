import { errorFrom } from '@greeter/core';
import { scaffoldMessages } from '@greeter/core/messages';
import type { ScaffoldOptions } from './context.js';

/** What the command line asked for. */
export type CliRequest = { kind: 'help' } | { kind: 'scaffold'; options: ScaffoldOptions };

/**
 * Parses `create-greeter-plugin [[@scope/]<language>] [--scope @acme] [--dir <folder>] [--greeting <text>] [--yes] [--dry-run]`.
 * The language may be left out: the scaffolder then asks for it on a terminal.
 *
 * @throws GreeterError `GREETER_USAGE`
 */
export function parseArgs(argv: readonly string[]): CliRequest {
  const positionals: string[] = [];
  const options: Partial<ScaffoldOptions> = {};
  for (let index = 0; index < argv.length; index++) {
    const token = argv[index]!;
    const [flag, inline] =
      token.startsWith('--') && token.includes('=') ? [token.slice(0, token.indexOf('=')), token.slice(token.indexOf('=') + 1)] : [token, undefined];
    const value = () => {
      const next = inline ?? argv[++index];
      if (next === undefined || next === '') throw errorFrom(scaffoldMessages.flagNeedsValue, { flag });
      return next;
    };
    if (flag === '--help' || flag === '-h') return { kind: 'help' };
    else if (flag === '--scope') options.scope = value();
    else if (flag === '--dir') options.dir = value();
    else if (flag === '--yes' || flag === '-y') options.yes = true;
    else if (flag === '--dry-run') options.dryRun = true;
    else if (flag === '--greeting') options.greeting = value();
    else if (flag.startsWith('-')) throw errorFrom(scaffoldMessages.unknownFlag, { flag });
    else positionals.push(token);
  }
  if (positionals.length > 1) throw errorFrom(scaffoldMessages.severalLanguages, { count: positionals.length });
  return { kind: 'scaffold', options: { ...options, language: positionals[0] } };
}

/** The text of `create-greeter-plugin --help`. */
export const helpText = `create-greeter-plugin — scaffold a publishable Greeter plugin

Usage
  pnpm create greeter-plugin [@scope/]<language> [options]
  npm create greeter-plugin@latest [@scope/]<language> -- [options]

  @acme/klingon creates @acme/greeter-plugin-klingon in greeter-plugin-klingon/.
  Without a language it asks for one, when run on a terminal.

Options
  --scope <@scope>   publish as @scope/greeter-plugin-<language>
  --dir <folder>     create the plugin in <folder> (default: greeter-plugin-<language>)
  --yes, -y          ask nothing: neither for the language nor before creating
  --greeting <text>  what the plugin says to the universe, e.g. "Saluton Universo"
                     (asked for on a terminal; default: Hello Universe)
  --dry-run          list the files it would create; write nothing
  --help, -h         show this text

Author and repository come from npm's init-author-* settings, git's user.name
and user.email, and the git remote origin, where those exist.

It refuses a folder that exists and is not empty, a language that is not
a word of letters or digits or is a greeter command word, and two
different scopes.
`;
