import type { SigningKey } from '@greeter/fixtures';
import type { Packed } from './pack-tarballs.js';
import type { CiIdentity, MockSigstore } from './mock-sigstore.js';

/** The version an attestation is about. */
export interface Subject {
  name: string;
  version: string;
  integrity: string;
}

/** A SLSA v1 provenance statement as `npm publish --provenance` writes it on GitHub Actions. */
export function provenanceStatement(subject: Subject, build: CiIdentity) {
  const server = 'https://github.com';
  const ref = build.ref ?? 'refs/heads/main';
  return {
    _type: 'https://in-toto.io/Statement/v1',
    subject: [
      {
        name: `pkg:npm/${subject.name.replace(/^@/, '%40')}@${subject.version}`,
        digest: { sha512: Buffer.from(subject.integrity.slice('sha512-'.length), 'base64').toString('hex') },
      },
    ],
    predicateType: 'https://slsa.dev/provenance/v1',
    predicate: {
      buildDefinition: {
        buildType: 'https://slsa-framework.github.io/github-actions-buildtypes/workflow/v1',
        externalParameters: { workflow: { ref, repository: `${server}/${build.repository}`, path: '.github/workflows/release.yml' } },
        resolvedDependencies: [{ uri: `git+${server}/${build.repository}@${ref}`, digest: { gitCommit: build.commit } }],
      },
      runDetails: {
        builder: { id: 'https://github.com/actions/runner/github-hosted' },
        metadata: { invocationId: `${server}/${build.repository}/actions/runs/1/attempts/1` },
      },
    },
  };
}

/** How a fake registry signs and attests one version. */
export interface SignedDistOptions {
  /** Signs `dist.signatures` with it. */
  key?: SigningKey;
  /** Attests provenance with it, for the build `identity` (signing certificate) and `claims` (statement). */
  sigstore?: MockSigstore;
  identity?: CiIdentity | { email: string };
  claims?: CiIdentity;
  /** Changes the statement before it is signed (another package, another tarball). */
  statement?: (subject: Subject) => Subject;
  /** Where the attestations document goes: the fake registry's `documents`. */
  documents?: Record<string, unknown>;
  /** Changes the bundle after it is signed. */
  tamper?: (bundle: Record<string, unknown>) => void;
}

/** A `FakeVersion.dist` hook: `dist.signatures` and `dist.attestations` as npm's registry serves them, over the packed tarball. */
export function signedDist(name: string, version: string, options: SignedDistOptions) {
  return async (packed: Packed): Promise<Record<string, unknown>> => {
    const dist: Record<string, unknown> = {};
    if (options.key) dist['signatures'] = [options.key.sign(name, version, packed.integrity)];
    const { sigstore, identity, documents } = options;
    if (sigstore && identity && documents) {
      const claims = options.claims ?? ('email' in identity ? { repository: 'acme/unknown', commit: '0'.repeat(40) } : identity);
      const subject = (options.statement ?? ((same) => same))({ name, version, integrity: packed.integrity });
      const bundle = (await sigstore.attest(provenanceStatement(subject, claims), identity)) as unknown as Record<string, unknown>;
      options.tamper?.(bundle);
      const path = `/-/npm/v1/attestations/${name}@${version}`;
      const predicateType = 'https://slsa.dev/provenance/v1';
      documents[path] = { attestations: [{ predicateType, bundle }] };
      // The host is npm's, as in a packument copied to a mirror: greeter asks the registry it uses.
      dist['attestations'] = { url: `https://registry.npmjs.org${path}`, provenance: { predicateType } };
    }
    return dist;
  };
}
