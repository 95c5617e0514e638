import path from 'node:path';
import type { TrustMaterial } from '@sigstore/verify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTree, rejectionCode, removeTrees } from '@greeter/fixtures';
import { startMockSigstore, type CiIdentity, type MockSigstore } from '../test-helpers/mock-sigstore.js';
import { provenanceStatement, type Subject } from '../test-helpers/provenance.js';
import { loadTrustMaterial } from './load-trust-material.js';
import { verifyProvenance, type ProvenanceInput } from './verify-provenance.js';

const subject: Subject = { name: '@acme/greeter-plugin-klingon', version: '1.2.0', integrity: `sha512-${Buffer.alloc(64, 1).toString('base64')}` };
const acme: CiIdentity = { repository: 'acme/greeter-plugin-klingon', commit: 'a'.repeat(40) };
const mallory: CiIdentity = { repository: 'mallory/greeter-plugin-klingon', commit: 'b'.repeat(40) };

let sigstore: MockSigstore;
let elsewhere: MockSigstore;
let trust: TrustMaterial;

beforeAll(async () => {
  [sigstore, elsewhere] = await Promise.all([startMockSigstore(), startMockSigstore()]);
  const folder = makeTree({ 'trusted_root.json': JSON.stringify(sigstore.trustedRoot) });
  trust = await loadTrustMaterial({ file: path.join(folder, 'trusted_root.json') });
});

afterAll(async () => {
  await Promise.all([sigstore?.close(), elsewhere?.close()]);
  removeTrees();
});

async function input(bundle: unknown, overrides: Partial<ProvenanceInput> = {}): Promise<ProvenanceInput> {
  return { ...subject, bundle, repository: 'git+https://github.com/acme/greeter-plugin-klingon.git', trust, registryUrl: 'http://127.0.0.1:9/', ...overrides };
}

describe('verifyProvenance', () => {
  it('verifies a bundle from a CI build of the repository package.json names, and says which build made it', async () => {
    const bundle = await sigstore.attest(provenanceStatement(subject, acme), acme);
    expect(await verifyProvenance(await input(bundle))).toEqual({
      repository: 'https://github.com/acme/greeter-plugin-klingon',
      commit: acme.commit,
      builder: 'https://github.com/actions/runner/github-hosted',
      workflow: 'https://github.com/acme/greeter-plugin-klingon/.github/workflows/release.yml@refs/heads/main',
      invocation: 'https://github.com/acme/greeter-plugin-klingon/actions/runs/1/attempts/1',
    });
  });

  it('refuses a bundle whose statement was changed after signing', async () => {
    const bundle = await sigstore.attest(provenanceStatement(subject, acme), acme);
    const envelope = bundle.dsseEnvelope as { payload: string };
    const statement = JSON.parse(Buffer.from(envelope.payload, 'base64').toString('utf8'));
    statement.predicate.runDetails.builder.id = 'https://github.com/actions/runner/self-hosted';
    envelope.payload = Buffer.from(JSON.stringify(statement)).toString('base64');
    expect(await rejectionCode(verifyProvenance(await input(bundle)))).toBe('GREETER_PROVENANCE_INVALID');
  });

  it('refuses a bundle about another tarball of the same version', async () => {
    const other = { ...subject, integrity: `sha512-${Buffer.alloc(64, 2).toString('base64')}` };
    const bundle = await sigstore.attest(provenanceStatement(other, acme), acme);
    expect(await rejectionCode(verifyProvenance(await input(bundle)))).toBe('GREETER_PROVENANCE_INVALID');
  });

  it.each([
    ['another package', { ...subject, name: '@acme/greeter-plugin-vulcan' }],
    ['another version', { ...subject, version: '1.1.0' }],
  ])('refuses a bundle about %s', async (_case, about) => {
    const bundle = await sigstore.attest(provenanceStatement(about, acme), acme);
    expect(await rejectionCode(verifyProvenance(await input(bundle)))).toBe('GREETER_PROVENANCE_INVALID');
  });

  it("refuses a statement claiming acme's repository, signed by a build of another", async () => {
    const bundle = await sigstore.attest(provenanceStatement(subject, acme), mallory);
    expect(await rejectionCode(verifyProvenance(await input(bundle)))).toBe('GREETER_PROVENANCE_INVALID');
  });

  it('refuses a build of another repository than the one package.json names, though it says so honestly', async () => {
    const bundle = await sigstore.attest(provenanceStatement(subject, mallory), mallory);
    expect(await rejectionCode(verifyProvenance(await input(bundle)))).toBe('GREETER_PROVENANCE_INVALID');
    expect((await verifyProvenance(await input(bundle, { repository: undefined }))).repository).toBe('https://github.com/mallory/greeter-plugin-klingon');
  });

  it("refuses a bundle signed by a person's identity rather than a CI build", async () => {
    const bundle = await sigstore.attest(provenanceStatement(subject, acme), { email: 'mallory@example.com' });
    expect(await rejectionCode(verifyProvenance(await input(bundle)))).toBe('GREETER_PROVENANCE_INVALID');
  });

  it('refuses a bundle from a Sigstore the trust root does not name', async () => {
    const bundle = await elsewhere.attest(provenanceStatement(subject, acme), acme);
    expect(await rejectionCode(verifyProvenance(await input(bundle)))).toBe('GREETER_PROVENANCE_INVALID');
  });

  it('refuses what is no bundle', async () => {
    expect(await rejectionCode(verifyProvenance(await input({ mediaType: 'nonsense' })))).toBe('GREETER_PROVENANCE_INVALID');
  });
});
