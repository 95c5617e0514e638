import { errorFrom } from '@greeter/core';
import { provenanceMessages } from '@greeter/core/messages';
import type { Signer, TrustMaterial } from '@sigstore/verify';
import type { BuildOrigin } from '../verification.js';
import { intotoPayloadType, readStatement, type Statement } from './read-statement.js';
import { repositoryKey } from './repository-key.js';

/** One provenance attestation of a version, and what it is checked against. */
export interface ProvenanceInput {
  name: string;
  version: string;
  /** The tarball's integrity (`sha512-…`) the registry serves and the signature covers. */
  integrity: string;
  /** The attestation's Sigstore bundle, as the registry serves it. */
  bundle: unknown;
  /** The version's package.json `repository`, which must name the repository that built it. */
  repository: unknown;
  trust: TrustMaterial;
  registryUrl: string;
}

// Fulcio's certificate extensions (https://github.com/sigstore/fulcio/blob/main/docs/oid-info.md).
const oids = {
  buildSignerUri: '1.3.6.1.4.1.57264.1.9',
  runnerEnvironment: '1.3.6.1.4.1.57264.1.11',
  sourceRepositoryUri: '1.3.6.1.4.1.57264.1.12',
  sourceRepositoryDigest: '1.3.6.1.4.1.57264.1.13',
  runInvocationUri: '1.3.6.1.4.1.57264.1.21',
};
const githubRunner = 'https://github.com/actions/runner/';

/**
 * Verifies a SLSA provenance attestation as npm does, and a little more:
 * the bundle's signature, certificate chain and transparency-log entries
 * against `trust` (@sigstore/verify); its one subject is exactly
 * `pkg:npm/<name>@<version>` with the tarball's sha512; and the identity the
 * certificate vouches for — the source repository and commit of the CI run
 * that signed — is the one the statement claims and the one package.json's
 * `repository` names. A certificate without a source repository (a person's
 * e-mail identity, say) is refused.
 *
 * @returns The build: repository and commit from the certificate, builder from the statement.
 * @throws GreeterError `GREETER_PROVENANCE_INVALID` naming the package and why.
 */
export async function verifyProvenance(input: ProvenanceInput): Promise<BuildOrigin> {
  const [{ bundleFromJSON }, { Verifier, toSignedEntity }] = await Promise.all([import('@sigstore/bundle'), import('@sigstore/verify')]);
  let bundle: ReturnType<typeof bundleFromJSON>;
  try {
    bundle = bundleFromJSON(input.bundle);
  } catch (error) {
    throw errorFrom(provenanceMessages.bundleMalformed, { ...input, detail: (error as Error).message }, { cause: error });
  }
  if (bundle.content.$case !== 'dsseEnvelope' || bundle.content.dsseEnvelope.payloadType !== intotoPayloadType) {
    throw errorFrom(provenanceMessages.noStatement, input);
  }
  const statement = readStatement(bundle.content.dsseEnvelope.payload);
  if (statement === undefined) throw errorFrom(provenanceMessages.noStatement, input);
  checkSubject(input, statement);
  let signer: Signer;
  try {
    signer = new Verifier(input.trust).verify(toSignedEntity(bundle));
  } catch (error) {
    throw errorFrom(provenanceMessages.bundleUnverified, { ...input, detail: (error as Error).message }, { cause: error });
  }
  return checkIdentity(input, statement, await extensionsOf(signer));
}

function checkSubject(input: ProvenanceInput, statement: Statement): void {
  const purl = `pkg:npm/${input.name.replace(/^@/, '%40')}@${input.version}`;
  if (statement.subjects.length !== 1) throw errorFrom(provenanceMessages.subjectCount, { ...input, count: statement.subjects.length });
  const [subject] = statement.subjects as [Statement['subjects'][number]];
  if (subject.name !== purl) throw errorFrom(provenanceMessages.otherSubject, { ...input, subject: subject.name, purl });
  const [algorithm, digest] = input.integrity.split('-', 2);
  const expected = algorithm === 'sha512' && digest !== undefined ? Buffer.from(digest, 'base64').toString('hex') : undefined;
  if (expected === undefined || subject.sha512 !== expected) {
    throw errorFrom(provenanceMessages.otherDigest, input);
  }
}

function checkIdentity(input: ProvenanceInput, statement: Statement, extensions: Map<string, string>): BuildOrigin {
  const repository = extensions.get(oids.sourceRepositoryUri);
  const commit = extensions.get(oids.sourceRepositoryDigest);
  const { claimed } = statement;
  if (repository === undefined || commit === undefined) {
    throw errorFrom(provenanceMessages.notFromCi, input);
  }
  if (claimed.repository === undefined || repositoryKey(claimed.repository) !== repositoryKey(repository)) {
    throw errorFrom(provenanceMessages.otherRepository, { ...input, claimed: claimed.repository, signed: repository });
  }
  if (claimed.commit !== commit) throw errorFrom(provenanceMessages.otherCommit, { ...input, claimed: claimed.commit, signed: commit });
  const environment = extensions.get(oids.runnerEnvironment);
  if (
    claimed.builder === undefined ||
    (environment !== undefined && claimed.builder.startsWith(githubRunner) && claimed.builder !== `${githubRunner}${environment}`)
  ) {
    throw errorFrom(provenanceMessages.otherBuilder, { ...input, builder: claimed.builder });
  }
  const declared = declaredRepository(input.repository);
  const declaredKey = declared === undefined ? undefined : repositoryKey(declared);
  if (declaredKey !== undefined && declaredKey !== repositoryKey(repository)) {
    throw errorFrom(provenanceMessages.otherDeclaredRepository, { ...input, claimed: declared, signed: repository });
  }
  return {
    repository,
    commit,
    builder: claimed.builder,
    workflow: extensions.get(oids.buildSignerUri) ?? null,
    invocation: extensions.get(oids.runInvocationUri) ?? claimed.invocation ?? null,
  };
}

// The certificate's extensions by OID; Fulcio's newer ones hold a DER UTF8String.
async function extensionsOf(signer: Signer): Promise<Map<string, string>> {
  const { ASN1Obj } = await import('@sigstore/core');
  const values = new Map<string, string>();
  for (const { oid, value } of signer.identity?.oids ?? []) {
    const id = oid?.id.join('.');
    if (id === undefined || !Object.values(oids).includes(id)) continue;
    try {
      values.set(id, ASN1Obj.parseBuffer(value as Buffer<ArrayBuffer>).value.toString('utf8'));
    } catch {
      // Not a DER string: an extension greeter does not read.
    }
  }
  return values;
}

function declaredRepository(repository: unknown): string | undefined {
  if (typeof repository === 'string') return repository;
  const url = (repository as { url?: unknown } | null | undefined)?.url;
  return typeof url === 'string' ? url : undefined;
}
