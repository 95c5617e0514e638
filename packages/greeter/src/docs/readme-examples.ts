import { readFileSync } from 'node:fs';

/** One `$ greeter …` line of a README console block and the output shown under it. */
export interface Example {
  /** The arguments after `greeter`. */
  args: string[];
  /** The fixture it runs in: the block's, or the one a trailing `# after \`npm install …\`` names. */
  fixture: string;
  /** The lines shown; when the last is `  …`, the output starts with the lines before it. */
  expected: string[];
  /** Where it is, for failure messages: `README.md:42`. */
  where: string;
}

/**
 * The examples of a README: every ```console block preceded by
 * `<!-- readme-example: <fixture> -->`, each `$ greeter …` line in it with
 * the lines under it up to the next `$`. Lines running other commands
 * (`$ pnpm add …`) only set the scene the fixture already holds.
 */
export function readmeExamples(file: string, label: string): Example[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const examples: Example[] = [];
  for (let index = 0; index < lines.length; index++) {
    const marker = /^<!-- readme-example: ([\w-]+) -->$/.exec(lines[index]!);
    if (!marker || lines[index + 1] !== '```console') continue;
    let current: Example | undefined;
    for (index += 2; lines[index] !== '```'; index++) {
      const line = lines[index]!;
      if (line.startsWith('$ ')) {
        current = undefined;
        const [command, comment = ''] = line.slice(2).split(/\s+#\s+/, 2) as [string, string?];
        const [program, ...args] = command.trim().split(/\s+/);
        if (program !== 'greeter') continue;
        const fixture = comment.includes('npm install') ? 'npm' : comment.includes('pnpm add') ? 'pnpm' : marker[1]!;
        current = { args, fixture, expected: [], where: `${label}:${index + 1}` };
        examples.push(current);
      } else {
        current?.expected.push(line);
      }
    }
  }
  return examples;
}
