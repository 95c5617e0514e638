// Writes the package version into dist/version.js as a literal. The source
// reads package.json (right in tests and in development); a literal costs
// nothing at start-up, where resolving @greeter/core/package.json took about
// 5 ms of the greeter CLI's run (measured with --cpu-prof). Runs after tsc,
// so every build, including the one `pnpm release` does after versioning,
// carries the version being published.
import { readFileSync, writeFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const file = new URL('../dist/version.js', import.meta.url);
writeFileSync(
  file,
  `/**\n * This copy of \`@greeter/core\`'s version. The host compares it with each\n * plugin's \`peerDependencies["@greeter/core"]\` range.\n */\nexport const coreVersion = ${JSON.stringify(version)};\n`,
);
