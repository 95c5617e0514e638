import type { GreeterInstall, Layout } from './generate.js';

/** The commands timed on every project, by the id results.json records. */
export const commandIds = {
  floor: 'node -e 0',
  importByPath: 'import plugin by path',
  /** Bare `greeter` where english is greeter's own dependency only: the built-in. */
  bareBuiltin: 'greeter (english built in)',
  /** Bare `greeter` where the project's node_modules holds english. */
  bareInstalled: 'greeter (english installed)',
  /** A trusted plugin, run in greeter's process. */
  chinese: 'greeter chinese --no-isolate',
  /** The default for a plugin that is not trusted: a child process under the permission model. */
  isolate: 'greeter chinese --isolate',
  list: 'greeter list --json',
  yeoman: 'yeoman-environment lookup()',
} as const;

/** One measured command on one project, on one Node.js, as written to results.json. */
export interface Result {
  /** `process.version` of the Node.js every process of this row ran on. */
  node: string;
  greeter: GreeterInstall;
  layout: Layout;
  packages: number;
  plugins: number;
  command: string;
  runs: number;
  medianMs: number;
  /** Median of the `node -e 0` runs interleaved with this command's. */
  floorMedianMs: number;
  /** medianMs ÷ floorMedianMs. */
  ratio: number;
  /** The highest resident set of 3 runs; for an isolated run, that of the larger of its two processes. */
  peakMiB: number;
  /**
   * For a greeter greeting: median of the runs importing the plugin it
   * greets with by its path and greeting, interleaved with this command's.
   */
  importFloorMs?: number;
  /** For a greeter greeting: medianMs ÷ importFloorMs. */
  ratioToImport?: number;
  /** 'on' when NODE_COMPILE_CACHE named a cache folder (Node 22 and later only). */
  compileCache: 'on' | 'off';
}

/** The whole of results.json. */
export interface ResultsDocument {
  date: string;
  /** The machine, without the Node version: each row names its own. */
  machine: string;
  /** Every Node version measured, in the order the tables show them. */
  nodes: string[];
  /** Variables every timed process ran without. */
  env: { NODE_EXTRA_CA_CERTS: 'unset' };
  runs: number;
  results: Result[];
}

/** Whether two rows come from the same project, measured on the same Node.js. */
export function sameProject(a: Result, b: Result): boolean {
  return a.node === b.node && a.greeter === b.greeter && a.layout === b.layout && a.packages === b.packages && a.plugins === b.plugins;
}
