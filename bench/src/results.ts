import type { Layout } from './generate.js';

/** The commands timed on every project, by the id results.json records. */
export const commandIds = {
  floor: 'node -e 0',
  importByPath: 'import plugin by path',
  bare: 'greeter',
  chinese: 'greeter chinese',
  configured: 'greeter chinese (package.json config)',
  isolate: 'greeter chinese --isolate',
  list: 'greeter list --json',
  yeoman: 'yeoman-environment lookup()',
} as const;

/** One measured command on one project, as written to results.json. */
export interface Result {
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
  machine: string;
  /** The Node version every timed process ran on (BENCH_NODE's, when set). */
  node: string;
  /** Variables every timed process ran without. */
  env: { NODE_EXTRA_CA_CERTS: 'unset' };
  runs: number;
  results: Result[];
}
