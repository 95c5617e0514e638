import { describe, expect, it } from 'vitest';
import { scanImports } from './_scan-imports.js';

const specifiers = (source: string) => scanImports(source).map((found) => found.specifier);

describe('scanImports', () => {
  it.each([
    ['a named import', "import { definePlugin } from '@greeter/core';"],
    ['a default and named import', 'import core, { definePlugin } from "@greeter/core";'],
    ['a namespace import', "import * as core from '@greeter/core'"],
    ['an import of nothing (what tsc leaves of `import { type X }`)', "import {} from '@greeter/core';"],
    ['a side-effect import', "import '@greeter/core';"],
    ['a re-export', "export { definePlugin } from '@greeter/core';"],
    ['a star re-export', "export * from '@greeter/core';"],
    ['a named star re-export', "export * as core from '@greeter/core';"],
    ['a dynamic import', "const core = await import('@greeter/core');"],
    ['a require', 'const core_1 = require("@greeter/core");'],
    ['a default import named `type`', "import type from '@greeter/core';"],
  ])('finds %s', (_label, source) => {
    expect(specifiers(source)).toEqual(['@greeter/core']);
  });

  it.each([
    ['a type-only import', "import type { Greeter } from '@greeter/core';"],
    ['a type-only re-export', "export type { Greeter } from '@greeter/core';"],
    ['a line comment', "// import { definePlugin } from '@greeter/core';"],
    ['a block comment', "/* const core = require('@greeter/core'); */"],
    ['a string', `const text = "import x from '@greeter/core'";`],
    ['a template', "const text = `import '@greeter/core'`;"],
    ['a regular expression', String.raw`const pattern = /import '@greeter\/core'/;`],
    ['a method named require', "loader.require('@greeter/core');"],
    ['import.meta', 'const url = import.meta.url;'],
    ['a local export', 'export { definePlugin };'],
  ])('ignores %s', (_label, source) => {
    expect(specifiers(source)).toEqual([]);
  });

  it('reads code inside template substitutions, and tells division from a pattern', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: this is the source of a template literal, to be scanned
    const source = "const a = `${require('x')} ${ { b: 1 }.b }`;\nconst c = d / e / f; import 'y';";
    expect(scanImports(source)).toEqual([
      { specifier: 'x', line: 1 },
      { specifier: 'y', line: 2 },
    ]);
  });

  it('gives the line of each import, past multi-line comments and templates', () => {
    const source = "/*\n\n*/\nconst a = `\n\n`;\nimport 'z';";
    expect(scanImports(source)).toEqual([{ specifier: 'z', line: 7 }]);
  });
});
