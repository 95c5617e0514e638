import { isObject } from '../fetch-packument.js';

/** The in-toto payload type of a provenance bundle's DSSE envelope. */
export const intotoPayloadType = 'application/vnd.in-toto+json';

/** An in-toto statement, as far as greeter reads it. */
export interface Statement {
  subjects: Array<{ name: string; sha512: string | undefined }>;
  predicateType: string;
  /** What the SLSA predicate says about the build (not yet checked against the certificate). */
  claimed: { repository: string | undefined; commit: string | undefined; builder: string | undefined; invocation: string | undefined };
}

/**
 * Reads the in-toto statement a DSSE payload holds, and what its SLSA
 * provenance predicate claims: v1 (npm on GitHub Actions) or v0.2 (npm on
 * GitLab CI). Undefined when the payload is no statement.
 */
export function readStatement(payload: Buffer): Statement | undefined {
  let document: unknown;
  try {
    document = JSON.parse(payload.toString('utf8'));
  } catch {
    return undefined;
  }
  if (!isObject(document) || !Array.isArray(document['subject']) || typeof document['predicateType'] !== 'string') return undefined;
  const subjects = document['subject'].filter(isObject).map((subject) => ({
    name: typeof subject['name'] === 'string' ? subject['name'] : '',
    sha512: text(isObject(subject['digest']) ? subject['digest']['sha512'] : undefined),
  }));
  const predicate = isObject(document['predicate']) ? document['predicate'] : {};
  const predicateType = document['predicateType'];
  return { subjects, predicateType, claimed: predicateType.endsWith('/v0.2') ? fromV02(predicate) : fromV1(predicate) };
}

/** True for a SLSA provenance predicate type (`https://slsa.dev/provenance/v1`, `…/v0.2`). */
export function isProvenanceType(predicateType: unknown): boolean {
  return typeof predicateType === 'string' && predicateType.startsWith('https://slsa.dev/provenance/');
}

function fromV1(predicate: Record<string, unknown>): Statement['claimed'] {
  const definition = object(predicate['buildDefinition']);
  const workflow = object(object(definition['externalParameters'])['workflow']);
  const dependencies = Array.isArray(definition['resolvedDependencies']) ? definition['resolvedDependencies'] : [];
  const source = object(dependencies[0]);
  const run = object(predicate['runDetails']);
  return {
    repository: text(workflow['repository']) ?? repositoryOfUri(text(source['uri'])),
    commit: text(object(source['digest'])['gitCommit']),
    builder: text(object(run['builder'])['id']),
    invocation: text(object(run['metadata'])['invocationId']),
  };
}

function fromV02(predicate: Record<string, unknown>): Statement['claimed'] {
  const configSource = object(object(predicate['invocation'])['configSource']);
  return {
    repository: repositoryOfUri(text(configSource['uri'])),
    commit: text(object(configSource['digest'])['sha1']),
    builder: text(object(predicate['builder'])['id']),
    invocation: text(object(predicate['metadata'])['buildInvocationId']),
  };
}

// `git+https://github.com/acme/x@refs/heads/main` → `https://github.com/acme/x`.
function repositoryOfUri(uri: string | undefined): string | undefined {
  return uri?.replace(/^git\+/, '').replace(/@[^/]*$/, '');
}

function object(value: unknown): Record<string, unknown> {
  return isObject(value) ? value : {};
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
