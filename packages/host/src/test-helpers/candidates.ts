import { createCandidateReader, type Tree } from '@greeter/fixtures';
import { isDiscoveryProblem, readPluginPackage } from '../discovery/read-plugin-package.js';

/** Temporary plugin folders read by the host's own manifest reader, as a project's plugin. */
export const candidates = createCandidateReader({ readPluginPackage, isDiscoveryProblem });

/** The candidate discovery makes of a plugin folder on disk. */
export const candidateAt = candidates.at;

/** A plugin `greeter-plugin-x` whose entry is `source`, written to a temporary folder. */
export const candidateOf = (source: string, files: Tree = {}) => candidates.of({ source, files });
