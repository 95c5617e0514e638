import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';

/** The documents greeter prints with --json, each with a schema in packages/greeter/schemas/. */
export type DocumentName =
  | 'greet'
  | 'list'
  | 'doctor'
  | 'search'
  | 'add'
  | 'remove'
  | 'outdated'
  | 'update'
  | 'info'
  | 'init'
  | 'help'
  | 'version'
  | 'completion'
  | 'error';

const folder = new URL('../../../schemas/', import.meta.url);
const ajv = new Ajv2020({ allErrors: true, strict: true });

/** The schema shipped for a document, parsed. */
export function schemaOf(name: DocumentName): Record<string, unknown> {
  return JSON.parse(readFileSync(fileURLToPath(new URL(`${name}.schema.json`, folder)), 'utf8')) as Record<string, unknown>;
}

/** Validates a document against its shipped schema: each problem as `<path> <message>`, none when it is valid. */
export function validate(name: DocumentName, document: unknown): string[] {
  const id = schemaOf(name)['$id'] as string;
  const check = ajv.getSchema(id) ?? ajv.compile(schemaOf(name));
  if (check(document)) return [];
  return (check.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? ''} ${JSON.stringify(error.params)}`);
}
