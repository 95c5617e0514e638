import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { greeterCacheFolder } from '../cli/cache-folder.js';

/** A plugin a search found: what `greeter add` completes to. */
export interface SearchedName {
  name: string;
  languages: string[];
}

const maxKept = 500;

// Greeter's cache folder (none when GREETER_CACHE=off or without a home: nothing is kept).
function fileOf(env: Record<string, string | undefined>): string | undefined {
  const folder = greeterCacheFolder(env, homedir());
  return folder === undefined ? undefined : path.join(folder, 'searched.json');
}

/**
 * Keeps the plugins a search found (newest first, at most 500), for
 * completing `greeter add`. A cache that cannot be written only means fewer
 * completions: nothing is reported.
 */
export function rememberSearched(env: Record<string, string | undefined>, found: readonly SearchedName[]): void {
  const file = fileOf(env);
  if (file === undefined) return;
  const names = new Set(found.map((plugin) => plugin.name));
  const kept = [...found, ...readSearched(env).filter((plugin) => !names.has(plugin.name))].slice(0, maxKept);
  try {
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const staging = `${file}.${process.pid}`;
    writeFileSync(staging, JSON.stringify(kept));
    renameSync(staging, file);
  } catch {
    // A read-only or missing home: completion offers installed names only.
  }
}

/** The plugins recent searches found; none when the cache is missing or unreadable. */
export function readSearched(env: Record<string, string | undefined>): SearchedName[] {
  const file = fileOf(env);
  if (file === undefined) return [];
  let data: unknown;
  try {
    // A regular file only: a FIFO or device put in its place is never waited on.
    if (!statSync(file, { throwIfNoEntry: false })?.isFile()) return [];
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return [];
  }
  if (!Array.isArray(data)) return [];
  return data.filter(
    (entry): entry is SearchedName =>
      typeof entry?.name === 'string' && Array.isArray(entry.languages) && entry.languages.every((language: unknown) => typeof language === 'string'),
  );
}
