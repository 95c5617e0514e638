import { realpathSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { makeTree, pluginPackage, type Tree } from '@greeter/fixtures';
import { isDiscoveryProblem, readPluginPackage } from '../discovery/read-plugin-package.js';
import type { PluginCandidate } from '../types.js';

/** The candidate discovery makes of a plugin folder on disk (as a project plugin). */
export function candidateAt(folder: string): PluginCandidate {
  const entry = readPluginPackage(
    { path: folder, source: 'project', origin: path.dirname(folder) },
    { realpath: (target) => realpathSync(target), addCommand: (name) => `npm i ${name}` },
  );
  if (isDiscoveryProblem(entry)) throw entry.error;
  return entry;
}

/** A plugin `greeter-plugin-x` whose entry is `source`, written to a temporary folder. */
export function candidateOf(source: string, files: Tree = {}, packageJson: Record<string, unknown> = {}): PluginCandidate {
  const root = makeTree({ plugin: pluginPackage('greeter-plugin-x', 'x', { source, files, packageJson }) });
  return candidateAt(path.join(root, 'plugin'));
}

/** A stream that keeps what is written to it, as text. */
export function collectingStream(): { stream: PassThrough; text(): string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}
