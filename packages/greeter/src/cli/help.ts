/** The text of `greeter --help`. */
export const helpText = `greeter — greets the universe in any language a plugin package provides

Usage
  greeter [language] [--name <who>]   greet (language: argument, else config "default", else english)
  greeter list [--json]               installed plugins: languages, package, version, source, status
  greeter doctor [language] [--json]  config, folders searched, each plugin loaded in isolation
                                      and checked; exit 0 when all are healthy, 1 otherwise
  greeter add <language|package>      install a plugin with the project's package manager,
                                      after the registry confirms it is a compatible plugin
  greeter remove <language|package>   uninstall it the same way
  greeter --help | --version

Options
  --name <who>      greet <who> instead of the universe
  --json            print exactly one JSON document on stdout, also for errors
  --cwd <dir>       work from <dir> instead of the current folder
  --config <file>   use this config file instead of searching for one
  --plugin <path>   load the plugin in the folder <path> (repeatable)
  --timeout <ms>    how long a greeting may take (default 5000)
  --isolate         run the plugin in a worker thread with a time and memory limit
  --no-color        no colour in messages (so does NO_COLOR=1)

Languages come from packages: \`pnpm add greeter-plugin-chinese\`, then \`greeter chinese\`.
A language is a word (\`chinese\`, \`zh\`, \`中文\`) or a plugin package name
(\`greeter-plugin-chinese\`, \`@acme/klingon\`, \`@acme\`).

Exit codes: 0 greeted, 1 a plugin is missing or failed, 2 usage or config error.
Set DEBUG=greeter to see stack traces.
`;
