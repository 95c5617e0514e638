import { displayText } from '../display.js';
import { defineErrorMessages } from '../error-messages.js';
import type { VersionOnRegistry } from './signatures.js';

// The failures of a version's provenance (greeter's registry/provenance
// modules), as greeter words them: its attestation on the registry, its
// Sigstore bundle and the build it names, and the trust root it is checked
// against. Every value the registry or the bundle holds is shown escaped;
// `detail` is a library's error message.

const failsToVerify = ({ name, version, registryUrl }: VersionOnRegistry, reason: string) =>
  `The provenance of ${name} ${displayText(version, 40)} on the registry ${displayText(registryUrl)} fails to verify: ${reason}.`;

const claimsButNot = ({ name, version, registryUrl }: VersionOnRegistry, reason: string) =>
  `${name} ${displayText(version, 40)} on the registry ${displayText(registryUrl)} claims a provenance attestation, but ${reason}.`;

// `configFile`: the config whose "trustedRoot" names the file, when one does.
const trustRootNamed = ({ file, configFile }: TrustRoot) =>
  `${displayText(file)}${configFile === undefined ? '' : ` (named by "trustedRoot" in ${displayText(configFile)})`}`;

const pointAtTrustRoot = () => 'Point "trustedRoot" at a trusted_root.json (as Sigstore\'s TUF repository serves it), relative to the config file.';

/** What the certificate of the build that signed says, against what the statement or package.json claims: undefined, none. */
type Claim = VersionOnRegistry & { claimed: string | undefined; signed: string };

// The statement's claim against the certificate's, each cut at `length`.
const claimsOther = (what: 'repository' | 'commit', { claimed, signed }: Claim, length: number) =>
  `it claims the ${what} ${displayText(claimed ?? 'none', length)}, but it was signed by a build of ${displayText(signed, length)}`;

export const provenanceMessages = defineErrorMessages({
  bundleMalformed: {
    code: 'GREETER_PROVENANCE_INVALID',
    message: (version: VersionOnRegistry & { detail: string }) => failsToVerify(version, `its bundle is malformed (${displayText(version.detail, 200)})`),
  },
  noStatement: {
    code: 'GREETER_PROVENANCE_INVALID',
    message: (version: VersionOnRegistry) => failsToVerify(version, 'its bundle holds no in-toto statement'),
  },
  bundleUnverified: {
    code: 'GREETER_PROVENANCE_INVALID',
    message: (version: VersionOnRegistry & { detail: string }) =>
      failsToVerify(version, `its Sigstore bundle does not verify against the trust root (${displayText(version.detail, 200)})`),
  },
  subjectCount: {
    code: 'GREETER_PROVENANCE_INVALID',
    message: (version: VersionOnRegistry & { count: number }) => failsToVerify(version, `it attests ${version.count} artifacts, not exactly this package`),
  },
  otherSubject: {
    code: 'GREETER_PROVENANCE_INVALID',
    // `subject`: the package URL the statement attests; `purl`: this version's.
    message: (version: VersionOnRegistry & { subject: string; purl: string }) =>
      failsToVerify(version, `it attests ${displayText(version.subject, 120)}, not ${version.purl}`),
  },
  otherDigest: {
    code: 'GREETER_PROVENANCE_INVALID',
    message: (version: VersionOnRegistry & { integrity: string }) =>
      failsToVerify(version, `it attests a tarball whose sha512 differs from the integrity ${displayText(version.integrity, 100)} the registry serves`),
  },
  notFromCi: {
    code: 'GREETER_PROVENANCE_INVALID',
    message: (version: VersionOnRegistry) =>
      failsToVerify(version, 'its signing certificate names no source repository and commit: it was not signed by a CI build'),
  },
  otherRepository: {
    code: 'GREETER_PROVENANCE_INVALID',
    message: (claim: Claim) => failsToVerify(claim, claimsOther('repository', claim, 120)),
  },
  otherCommit: {
    code: 'GREETER_PROVENANCE_INVALID',
    message: (claim: Claim) => failsToVerify(claim, claimsOther('commit', claim, 80)),
  },
  otherBuilder: {
    code: 'GREETER_PROVENANCE_INVALID',
    message: (version: VersionOnRegistry & { builder: string | undefined }) =>
      failsToVerify(version, `it names the builder ${displayText(version.builder ?? 'none', 120)}, which is not the one that signed`),
  },
  otherDeclaredRepository: {
    code: 'GREETER_PROVENANCE_INVALID',
    // `claimed`: the repository package.json names; `signed`: the one that built it.
    message: (claim: Claim) =>
      failsToVerify(
        claim,
        `its package.json names the repository ${displayText(claim.claimed ?? '', 120)}, but it was built from ${displayText(claim.signed, 120)}`,
      ),
  },
  attestationsWithoutUrl: {
    code: 'GREETER_PROVENANCE_INVALID',
    message: (version: VersionOnRegistry) => claimsButNot(version, 'its dist.attestations has no URL'),
  },
  provenanceNotServed: {
    code: 'GREETER_PROVENANCE_INVALID',
    // `url`: where the registry should serve the attestations.
    message: (version: VersionOnRegistry & { url: string }) => claimsButNot(version, `the registry serves no provenance at ${displayText(version.url)}`),
  },
  nothingToCover: {
    code: 'GREETER_PROVENANCE_INVALID',
    message: ({ name, version }: { name: string; version: string }) =>
      `${name} ${displayText(version, 40)} has a provenance attestation but no integrity for it to cover.`,
  },
  provenanceRequired: {
    code: 'GREETER_PROVENANCE_INVALID',
    message: ({ name, version, registryUrl }: VersionOnRegistry) =>
      `${name} ${displayText(version, 40)} on the registry ${displayText(registryUrl)} has no provenance attestation, and the config requires one ("requireProvenance": true).`,
    hint: ({ name }: { name: string }) =>
      `Ask its author to publish with provenance (\`npm publish --provenance\` from CI), or set "requireProvenance": false to accept ${name} without it.`,
  },
  trustRootUnreachable: {
    code: 'GREETER_REGISTRY_UNREACHABLE',
    // `mirror`: Sigstore's TUF repository; `detail`: Node's error code, or the error's message.
    message: ({ mirror, detail }: { mirror: string; detail: string }) =>
      `Could not get the public Sigstore trust root from ${displayText(mirror)} (through TUF, which needs the network) to verify provenance: ${displayText(detail, 200)}.`,
    hint: () =>
      'Check your network. On a network that cannot reach Sigstore, or for private Sigstore infrastructure, save a trusted_root.json and name it in the greeter config: "trustedRoot": "./trusted_root.json".',
  },
  trustRootUnreadable: {
    code: 'GREETER_CONFIG_INVALID',
    message: (root: TrustRoot & { reason: string }) => `The Sigstore trust root ${trustRootNamed(root)} cannot be read: ${displayText(root.reason, 200)}.`,
    hint: pointAtTrustRoot,
  },
  notATrustRoot: {
    code: 'GREETER_CONFIG_INVALID',
    message: (root: TrustRoot) => `${trustRootNamed(root)} is not a Sigstore trust root: it has no trustedroot "mediaType".`,
    hint: pointAtTrustRoot,
  },
});

/** A trusted_root.json the config names. */
interface TrustRoot {
  file: string;
  configFile: string | undefined;
}
