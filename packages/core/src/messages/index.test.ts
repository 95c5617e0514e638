import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { errorCatalogue } from '../error-codes.js';
import * as catalogue from './index.js';

// The table files beside index.ts, read from the folder so that a new one is
// checked without being listed here: all but the index, tests and
// `_`-prefixed internal files (wording shared between tables).
const tableFiles = readdirSync(new URL('./', import.meta.url))
  .filter((file) => file.endsWith('.ts') && file !== 'index.ts' && !file.endsWith('.test.ts') && !file.startsWith('_'))
  .map((file) => file.slice(0, -'.ts'.length))
  .sort();

describe('the messages catalogue', () => {
  it('finds the table files in its folder', () => {
    expect(tableFiles).toEqual(expect.arrayContaining(['isolation', 'plugins', 'registry', 'scaffold']));
  });

  it.each(tableFiles)('exports every table of %s.ts from index.ts', async (file) => {
    const module: Record<string, unknown> = await import(new URL(`./${file}.ts`, import.meta.url).href);
    const tables = Object.entries(module).filter(([name]) => name.endsWith('Messages'));
    expect(tables.map(([name]) => name)).not.toEqual([]);
    for (const [name, table] of tables) expect((catalogue as Record<string, unknown>)[name], name).toBe(table);
  });

  it('gives every entry a contract code, a message and, where it has one, a hint', () => {
    const tables = Object.entries(catalogue).filter(([name]) => name.endsWith('Messages'));
    expect(tables.length).toBeGreaterThan(10);
    for (const [tableName, table] of tables) {
      for (const [entryName, entry] of Object.entries(table)) {
        const where = `${tableName}.${entryName}`;
        expect(Object.keys(errorCatalogue), where).toContain(entry.code);
        expect(typeof entry.message, where).toBe('function');
        expect(['undefined', 'function'], where).toContain(typeof (entry as { hint?: unknown }).hint);
      }
    }
  });
});
