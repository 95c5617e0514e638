import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeTrees, writeTree } from '@greeter/fixtures';
import { describeLinkAttacks, plantHomeLink, unplant } from './attacks/links.js';
import { startListener, type Listener } from './attacks/listener.js';
import { greeterOnNode, installAttackProject, shown, type AttackProject } from './attacks/project.js';
import { itGrantsTheNetworkByConfig, itKeepsTheEnvironment, itKeepsTheNetworkClosed, withheldSecrets } from './attacks/reach.js';
import { describeReportAttacks, forgedShown, greetersVoice } from './attacks/report.js';
import { describeTrustRoutes } from './attacks/trust.js';
import { e2eEnv, jsonFailure, jsonOutcome } from './project.js';
import { otherNodeMajors } from './tools.js';

// The isolated default attacked through the real CLI (CONTRACT §4b): the
// hostile plugins of fixtures/attacks/, installed from the suite's registry
// into one npm workspace project, run as a user runs them — no --isolate.
// Each attack has a sentinel or a secret that shows what did not happen.
// Everything runs on the machine's Node.js (20); the environment and
// network attacks once more on Node.js 22, 24 and 26.
const env = e2eEnv();
let project: AttackProject;
let listener: Listener;

beforeAll(async () => {
  [project, listener] = await Promise.all([installAttackProject(env), startListener()]);
  writeTree(project.root, { 'configs/net-granted/.greeterrc.json': JSON.stringify({ permissions: { 'greeter-plugin-net': { net: true } } }) });
});

afterAll(async () => {
  await listener?.close();
  removeTrees();
});

describeLinkAttacks(() => project);

describe('a dependency the user’s workspace satisfies', () => {
  it('a plugin naming the workspace package @acme/user-secrets cannot read its sources', async () => {
    const ran = await project.greeter(['workspace-dep', '--json']);
    expect({ ...jsonOutcome(ran), secretShown: shown(ran, project.secrets.workspace) }).toEqual({
      ...jsonFailure('GREETER_PERMISSION_DENIED'),
      secretShown: false,
    });
  });

  it('run in-process (--no-isolate), the same plugin reads them: the attack is real', async () => {
    const ran = await project.greeter(['workspace-dep', '--no-isolate', '--json']);
    expect({ exit: ran.code, secretShown: shown(ran, project.secrets.workspace) }).toEqual({ exit: 0, secretShown: true });
  });
});

describe('the environment and the network, on Node.js 20', () => {
  itKeepsTheEnvironment(() => project.greeter);
  itKeepsTheNetworkClosed(
    () => project.greeter,
    () => listener,
  );
  itGrantsTheNetworkByConfig(
    () => project.greeter,
    () => listener,
    () => path.join(project.root, 'configs', 'net-granted'),
  );
});

describeReportAttacks(() => project.greeter);

describeTrustRoutes(() => project);

describe('greeter doctor, every hostile plugin installed and a link to the home folder planted', () => {
  it('prints no secret, nothing forged and no line of a plugin’s in greeter’s voice, and fails greeter-plugin-links', async () => {
    const { secret, env: home } = plantHomeLink(project);
    const secrets = withheldSecrets();
    try {
      const doctor = (args: string[]) => project.greeter(['doctor', '--timeout', '1500', ...args], { env: { ...home, ...secrets }, timeoutMs: 120_000 });
      const runs = await Promise.all([doctor(['--json']), doctor([])]);
      const plugins = (jsonOutcome(runs[0]).document as { plugins?: { name: string; error: { code?: string } | null }[] }).plugins ?? [];
      expect({
        exits: runs.map((ran) => ran.code),
        links: plugins.find((plugin) => plugin.name === 'greeter-plugin-links')?.error?.code,
        secretsShown: [secret, ...Object.values(secrets)].filter((text) => runs.some((ran) => shown(ran, text))),
        forgedShown: runs.some(forgedShown),
        mimicked: runs.flatMap((ran) => greetersVoice(ran.stderr)).filter((line) => line.includes('MIMIC')),
      }).toEqual({ exits: [1, 1], links: 'GREETER_PERMISSION_DENIED', secretsShown: [], forgedShown: false, mimicked: [] });
    } finally {
      unplant(project);
    }
  });
});

describe.each(otherNodeMajors)('the environment and the network, on Node.js %i', (major) => {
  const run = () => greeterOnNode(major, project.root, env);
  itKeepsTheEnvironment(run);
  itKeepsTheNetworkClosed(run, () => listener);
});
