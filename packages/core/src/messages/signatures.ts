import { displayText } from '../display.js';
import { defineErrorMessages } from '../error-messages.js';
import { registryHint, type RegistrySetting } from './registry.js';

// The failures of registry signatures, provenance and checking what was installed (greeter's registry modules), as greeter words them.
// This file: the registry's signature of a version, the registry's keys,
// and what the package manager installed; provenance is in
// signatures-provenance.ts. `keyid` is a registry key's id; every value the
// registry served is shown escaped.

/** A version on a registry (its URL), as the messages about it name it. */
export interface VersionOnRegistry {
  name: string;
  version: string;
  registryUrl: string;
}

const failsCheck = ({ name, version, registryUrl }: VersionOnRegistry, reason: string) =>
  `${name} ${displayText(version, 40)} on the registry ${displayText(registryUrl)} fails its registry signature check: ${reason}.`;

const notAKeyList = ({ registry, url }: { registry: RegistrySetting; url: string }, reason: string) =>
  `The registry ${displayText(registry.url)} answers its signing keys (${displayText(url)}) with a document that is not a key list: ${reason}. No signature from it can be checked, so nothing was installed.`;

/** What a package manager installed instead of the version greeter verified: another version (at an integrity), or other files. */
export type InstalledInstead = { version: string; integrity?: string } | { difference: string };

const installedText = (installed: InstalledInstead) =>
  'difference' in installed
    ? `from another tarball: ${displayText(installed.difference, 200)}`
    : `${displayText(installed.version, 40)}${installed.integrity === undefined ? '' : ` at ${displayText(installed.integrity, 100)}`}`;

type Key = VersionOnRegistry & { keyid: string };

export const signatureMessages = defineErrorMessages({
  signedWithoutKeys: {
    code: 'GREETER_SIGNATURE_INVALID',
    message: (version: VersionOnRegistry) => failsCheck(version, 'it carries registry signatures, but the registry publishes no keys to check them with'),
  },
  unsigned: {
    code: 'GREETER_SIGNATURE_INVALID',
    message: (version: VersionOnRegistry) => failsCheck(version, 'it carries no registry signature, though the registry publishes signing keys'),
  },
  nothingToSign: {
    code: 'GREETER_SIGNATURE_INVALID',
    message: (version: VersionOnRegistry) => failsCheck(version, 'the registry gives it no integrity for a signature to cover'),
  },
  signatureIncomplete: {
    code: 'GREETER_SIGNATURE_INVALID',
    message: (version: VersionOnRegistry) => failsCheck(version, 'a signature has no key id or no value'),
  },
  unknownKey: {
    code: 'GREETER_SIGNATURE_INVALID',
    message: (key: Key) => failsCheck(key, `its signature names the key ${displayText(key.keyid, 80)}, which the registry does not list`),
  },
  signatureMismatch: {
    code: 'GREETER_SIGNATURE_INVALID',
    message: (key: Key & { integrity: string }) =>
      failsCheck(
        key,
        `its signature by the key ${displayText(key.keyid, 80)} does not match its name, version and integrity ${displayText(key.integrity, 100)}`,
      ),
  },
  noPublishTime: {
    code: 'GREETER_SIGNATURE_INVALID',
    message: (key: Key) => failsCheck(key, `the registry gives no publish time to check it against the expiry of the key ${displayText(key.keyid, 80)}`),
  },
  keyExpired: {
    code: 'GREETER_SIGNATURE_INVALID',
    // `publishedAt`: the packument's time of the version, as the registry served it.
    message: (key: Key & { expires: string | null; publishedAt: unknown }) =>
      failsCheck(
        key,
        `it was signed with the key ${displayText(key.keyid, 80)}, which expired ${displayText(key.expires ?? '', 40)}, before it was published (${displayText(String(key.publishedAt), 40)})`,
      ),
  },
  notAPublicKey: {
    code: 'GREETER_SIGNATURE_INVALID',
    message: (key: Key) => failsCheck(key, `the registry's key ${displayText(key.keyid, 80)} is not a public key`),
  },
  notP256: {
    code: 'GREETER_SIGNATURE_INVALID',
    message: (key: Key) => failsCheck(key, `the registry's key ${displayText(key.keyid, 80)} is not an ECDSA P-256 key`),
  },
  keysNotAList: {
    code: 'GREETER_SIGNATURE_INVALID',
    // `url`: where the registry serves its keys.
    message: (keys: { registry: RegistrySetting; url: string }) => notAKeyList(keys, 'it has no "keys" list'),
    hint: ({ registry }: { registry: RegistrySetting }) => registryHint(registry, 'Check the registry'),
  },
  noKeyInList: {
    code: 'GREETER_SIGNATURE_INVALID',
    message: (keys: { registry: RegistrySetting; url: string }) => notAKeyList(keys, 'no entry of its "keys" list is a key (a "keyid" and a "key")'),
    hint: ({ registry }: { registry: RegistrySetting }) => registryHint(registry, 'Check the registry'),
  },
  installedInstead: {
    code: 'GREETER_SIGNATURE_INVALID',
    // `manager`: the package manager's name; `file`: the record that says what it installed; `verified`: what greeter verified.
    message: ({ manager, name, installed, file, verified }: Installed & { installed: InstalledInstead; file: string }) =>
      `${manager} installed ${name} ${installedText(installed)} (${displayText(file)}), not the ${displayText(verified.version, 40)} at ${displayText(verified.integrity ?? 'the integrity', 100)} that greeter verified (a registry that served it another package than it served greeter, or an override in the project).`,
  },
  noInstallRecord: {
    code: 'GREETER_SIGNATURE_INVALID',
    message: ({ manager, name, verified }: Installed) =>
      `${manager} left no record of the ${name} it installed (no lockfile entry, no package.json in node_modules), so greeter cannot tell it is the ${displayText(verified.version, 40)} it verified.`,
  },
  tarballNotVerified: {
    code: 'GREETER_SIGNATURE_INVALID',
    // `actual`: the integrity of the tarball the registry served; undefined: it served none.
    message: ({
      name,
      version,
      tarball,
      integrity,
      actual,
    }: {
      name: string;
      version: string;
      tarball: string;
      integrity: string;
      actual: string | undefined;
    }) =>
      `The tarball of ${name} ${displayText(version, 40)} at ${displayText(tarball)} is ${actual === undefined ? 'missing' : `not the one greeter verified (${displayText(actual, 100)}, not ${displayText(integrity, 100)})`}.`,
  },
  noVersionToVerify: {
    code: 'GREETER_PLUGIN_NOT_FOUND',
    message: ({ name, version, registryUrl }: VersionOnRegistry) =>
      `The registry ${displayText(registryUrl)} has no ${name} ${displayText(version, 40)} to verify the installed one against.`,
    hint: () => 'It may come from another registry, a tarball or a folder; reinstall it from the registry to have it verified.',
  },
});

/** What a package manager installed, and the version greeter verified. */
interface Installed {
  manager: string;
  name: string;
  verified: { version: string; integrity: string | null };
}

/** Hints for errors whose code and message are worded elsewhere, as a check of what is installed gives them. */
export const signatureHints = {
  /** For a signature or provenance that fails for a plugin already installed (the code's hint speaks of an install that did not happen). */
  installedRefused: ({ name }: { name: string }) =>
    `It is installed: it may have been tampered with, or come from another registry. Remove it (\`greeter remove ${name}\`) unless you know why.`,
};
