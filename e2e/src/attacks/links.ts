import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTree, writeTree, type Tree } from '@greeter/fixtures';
import { jsonFailure, jsonGreeting, jsonOutcome } from '../project.js';
import { newSecret, shown, type AttackProject } from './project.js';

// A plugin whose folder holds a link out of the install locations, at any
// depth (CONTRACT §4b): greeter-plugin-links names @acme/bait-dependency,
// -peer and -optional in its dependencies, peerDependencies and
// optionalDependencies; each test puts a link in its node_modules (or in a
// real dependency folder there) and runs it by default, without a flag:
// reading through the link, and reading nothing (`--name hello`). Each is
// GREETER_PERMISSION_DENIED, and the secret behind the link shows nowhere.

const denied = 'GREETER_PERMISSION_DENIED';

/** What a case planted: the path the plugin reads (relative to its folder), the secret there, and the run's extra environment. */
interface Planted {
  read: string;
  secret: string;
  env?: NodeJS.ProcessEnv;
}

/** A folder outside the project holding a file `secret`. */
function secretFolder(): { folder: string; secret: string } {
  const secret = newSecret('outside');
  return { folder: makeTree({ secret }), secret };
}

/** The plugin's folder, as npm installed it. */
function pluginFolder(project: AttackProject): string {
  return path.join(project.root, 'node_modules', 'greeter-plugin-links');
}

/** A link from the plugin's node_modules/@acme/bait-<kind> to `target`, absolute or relative to where the link is. */
function linkDependency(project: AttackProject, kind: string, target: string, relative = false): void {
  const at = path.join(pluginFolder(project), 'node_modules', '@acme', `bait-${kind}`);
  writeTree(path.dirname(at), { [path.basename(at)]: { link: relative ? path.relative(path.dirname(at), target) : target } });
}

/** A real folder for @acme/bait-dependency in the plugin's node_modules (as npm nests a dependency), holding `tree`. */
function realDependency(project: AttackProject, tree: Tree): void {
  const packageJson = JSON.stringify({ name: '@acme/bait-dependency', version: '1.0.0' });
  writeTree(path.join(pluginFolder(project), 'node_modules', '@acme', 'bait-dependency'), { 'package.json': packageJson, ...tree });
}

/** Plants the home folder case: a HOME with .ssh/id_rsa, linked from @acme/bait-dependency's place. */
export function plantHomeLink(project: AttackProject): Planted {
  const secret = newSecret('id_rsa');
  const home = makeTree({ '.ssh': { id_rsa: `-----BEGIN OPENSSH PRIVATE KEY-----\n${secret}\n-----END OPENSSH PRIVATE KEY-----\n` } });
  linkDependency(project, 'dependency', home);
  return { read: 'node_modules/@acme/bait-dependency/.ssh/id_rsa', secret, env: { HOME: home } };
}

/** Removes whatever a case planted in the plugin's folder. */
export function unplant(project: AttackProject): void {
  rmSync(path.join(pluginFolder(project), 'node_modules'), { recursive: true, force: true });
}

const outside =
  (kind: string, relative: boolean) =>
  (project: AttackProject): Planted => {
    const { folder, secret } = secretFolder();
    linkDependency(project, kind, folder, relative);
    return { read: `node_modules/@acme/bait-${kind}/secret`, secret };
  };

const cases: Array<[string, (project: AttackProject) => Planted]> = [
  ['dependencies: @acme/bait-dependency → an absolute path outside the project', outside('dependency', false)],
  ['dependencies: @acme/bait-dependency → a relative path outside the project', outside('dependency', true)],
  ['peerDependencies: @acme/bait-peer → an absolute path outside the project', outside('peer', false)],
  ['peerDependencies: @acme/bait-peer → a relative path outside the project', outside('peer', true)],
  ['optionalDependencies: @acme/bait-optional → an absolute path outside the project', outside('optional', false)],
  ['optionalDependencies: @acme/bait-optional → a relative path outside the project', outside('optional', true)],
  ['@acme/bait-dependency → the home folder (.ssh/id_rsa)', plantHomeLink],
  [
    "@acme/bait-dependency → the project's src/",
    (project) => {
      linkDependency(project, 'dependency', path.join(project.root, 'src'));
      return { read: 'node_modules/@acme/bait-dependency/secret.js', secret: project.secrets.src };
    },
  ],
  [
    "a file in a real @acme/bait-dependency folder → the project's .env",
    (project) => {
      realDependency(project, { 'settings.env': { link: path.join(project.root, '.env') } });
      return { read: 'node_modules/@acme/bait-dependency/settings.env', secret: project.secrets.dotenv };
    },
  ],
  [
    "@acme/bait-dependency → the user's workspace package @acme/user-secrets",
    (project) => {
      linkDependency(project, 'dependency', path.join(project.root, 'packages', 'user-secrets'));
      return { read: 'node_modules/@acme/bait-dependency/src/secret.js', secret: project.secrets.workspace };
    },
  ],
  [
    'a link 40 folders deep in a real @acme/bait-dependency folder → an absolute path outside the project',
    (project) => {
      const { folder, secret } = secretFolder();
      const deep = Array.from({ length: 40 }, (_, index) => `d${index}`).join('/');
      realDependency(project, { [`${deep}/leak`]: { link: folder } });
      return { read: `node_modules/@acme/bait-dependency/${deep}/leak/secret`, secret };
    },
  ],
];

/** The link attacks, run with `project()`'s greeter. */
export function describeLinkAttacks(project: () => AttackProject): void {
  describe('a link out of the install locations in a plugin’s folder: GREETER_PERMISSION_DENIED, the secret nowhere', () => {
    afterEach(() => unplant(project()));

    it.each(cases)('%s', async (_, plant) => {
      const planted = plant(project());
      const run = (name: string) => project().greeter(['links', '--name', name, '--json'], { env: planted.env ?? {} });
      const [read, untouched] = await Promise.all([run(planted.read), run('hello')]);
      expect({
        reading: jsonOutcome(read),
        readingNothing: jsonOutcome(untouched),
        secretShown: shown(read, planted.secret) || shown(untouched, planted.secret),
      }).toEqual({ reading: jsonFailure(denied), readingNothing: jsonFailure(denied), secretShown: false });
    });

    it('without the link, the same plugin greets (the attack is the link, not the plugin)', async () => {
      expect(jsonOutcome(await project().greeter(['links', '--name', 'hello', '--json']))).toEqual(jsonGreeting('links greeting'));
    });
  });
}
