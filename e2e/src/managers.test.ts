import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTree, removeTrees } from '@greeter/fixtures';
import { firstInstall, installMs, type Layout } from './layout.js';
import { bunLayouts, npmAndPnpmProjects, npmLayouts, pnpmLayouts, yarn1Layouts, yarn4Layouts } from './managers.js';
import { e2eEnv, jsonGreeting, jsonOutcome, publishFolders, textFailure, textGreeting, textOutcome } from './project.js';
import { runBoundedAsync, runOkBounded, type Bounded } from './shell.js';
import { nodeBinary, otherNodeMajors, toolEnv } from './tools.js';

// The layout matrix: greeter and two plugins (first-party chinese, a scoped
// third-party klingon with aliases) installed for real from the suite's
// registry by each package manager, then greeter started the way a user of
// that layout starts it. A manager's layouts share its throwaway HOME, so
// all but its first install are warm. `greeter add` and `greeter remove`
// run no lifecycle script of the plugin or its dependency (CONTRACT §6):
// both leave a sentinel file from each script that runs. npm and pnpm
// projects (tested elsewhere for the rest) join for add and remove alone.
const env = e2eEnv();
const fixtures = fileURLToPath(new URL('../fixtures/managers/', import.meta.url));
const latin = 'greeter-plugin-latin';

/** How plugins come to be beside greeter: a project's dependencies, a global folder, or a one-off run (npx, dlx). */
type Kind = 'project' | 'global' | 'one-off';

const matrix: Array<{ name: string; kind: Kind; addAndRemoveOnly?: true }> = [
  { name: 'npm', kind: 'project', addAndRemoveOnly: true },
  { name: 'pnpm', kind: 'project', addAndRemoveOnly: true },
  { name: 'Yarn 4 PnP', kind: 'project' },
  { name: 'Yarn 4 pnpm linker', kind: 'project' },
  { name: 'Yarn 4 node-modules', kind: 'project' },
  { name: 'yarn 1', kind: 'project' },
  { name: 'bun', kind: 'project' },
  { name: 'bun isolated linker', kind: 'project' },
  { name: 'bun add -g', kind: 'global' },
  { name: 'yarn 1 global add', kind: 'global' },
  { name: 'pnpm dlx', kind: 'one-off' },
  { name: 'pnpm add -g', kind: 'global' },
  { name: 'npx -p', kind: 'one-off' },
  { name: 'npm install -g', kind: 'global' },
];

const ready = new Map<string, Promise<Layout>>();

/** The layout `name` once its manager installed greeter and the plugins; rejects with the install's output. */
function installed(name: string): Promise<Layout> {
  const layout = ready.get(name);
  if (layout === undefined) throw new Error(`No layout ${name}: the top-level beforeAll failed.`);
  return layout;
}

beforeAll(async () => {
  await publishFixtures();
  const yarn4 = yarn4Layouts(env);
  const yarn1 = yarn1Layouts(env);
  const bun = bunLayouts(env);
  const npm = npmLayouts(env);
  const pnpm = pnpmLayouts(env);
  const projects = npmAndPnpmProjects(env);
  const layouts: Record<string, Layout> = {
    npm: projects.npm,
    pnpm: projects.pnpm,
    'Yarn 4 PnP': yarn4.pnp,
    'Yarn 4 pnpm linker': yarn4.pnpm,
    'Yarn 4 node-modules': yarn4.nodeModules,
    'yarn 1': yarn1.project,
    bun: bun.hoisted,
    'bun isolated linker': bun.isolated,
    'bun add -g': bun.global,
    'yarn 1 global add': yarn1.global,
    'pnpm dlx': pnpm.dlx,
    'pnpm add -g': pnpm.global,
    'npx -p': npm.npx,
    'npm install -g': npm.global,
  };
  // One install at a time, in matrix order, while the layouts installed
  // before it are tested. Installing for several managers at once was not
  // faster on 2 cores (226 s for this file, against 216 s).
  let previous: Promise<unknown> = Promise.resolve();
  for (const { name } of matrix) {
    const layout = layouts[name]!;
    const done = previous.then(() => layout.install(firstInstall)).then(() => layout);
    // Awaited by the layout's own tests: a failed install fails only those.
    done.catch(() => {});
    ready.set(name, done);
    previous = done.catch(() => {});
  }
});

afterAll(removeTrees);

/**
 * Publishes the fixture plugins, each declaring the released @greeter/core
 * (whatever version changesets gave it) as its optional peer; klingon also
 * as 1.1.0, the version `greeter update` moves the matrix's 1.0.0 to.
 */
async function publishFixtures() {
  const core = (await runOkBounded('npm', ['view', '@greeter/core', 'version'], fixtures, env, 30_000)).stdout.trim();
  const copyOf = (name: string, version?: string) => {
    const copy = makeTree();
    cpSync(path.join(fixtures, name), copy, { recursive: true });
    const file = path.join(copy, 'package.json');
    const packageJson = JSON.parse(readFileSync(file, 'utf8'));
    if (packageJson.peerDependencies) {
      packageJson.peerDependencies['@greeter/core'] = `^${core}`;
      packageJson.peerDependenciesMeta = { '@greeter/core': { optional: true } };
    }
    if (version !== undefined) packageJson.version = version;
    writeFileSync(file, JSON.stringify(packageJson, null, 2));
    return copy;
  };
  await publishFolders(
    readdirSync(fixtures).map((name) => copyOf(name)),
    env,
  );
  // After 1.0.0, so that 1.1.0 is the latest tag.
  await publishFolders([copyOf('acme-klingon', '1.1.0')], env);
}

/** What stderr said, as the message of a failed expectation. */
function stderrOf(ran: Bounded): string {
  return `stderr: ${ran.stderr.slice(-2000)}`;
}

/** chinese, english and klingon as `list --json` shows them: each copy's source and status. */
function listed(ran: Bounded) {
  const { exit, document } = jsonOutcome(ran);
  const found = (document as { plugins?: Array<{ name: string; source: string; status: string }> }).plugins ?? [];
  const copies = (name: string) => found.filter((plugin) => plugin.name === name).map(({ source, status }) => ({ source, status }));
  return { exit, chinese: copies('greeter-plugin-chinese'), english: copies('greeter-plugin-english'), klingon: copies('@acme/greeter-plugin-klingon') };
}

/** How `doctor --json` ended: its exit code, `ok`, and each failing plugin with its error code. */
function diagnosed(ran: Bounded) {
  const { exit, document } = jsonOutcome(ran);
  const { ok, plugins: found = [] } = document as { ok?: boolean; plugins?: Array<{ name: string; ok: boolean; error: { code: string } | null }> };
  return { exit, ok, failed: found.filter((plugin) => !plugin.ok).map((plugin) => `${plugin.name}: ${plugin.error?.code}`) };
}

/** The {@link listed} result of a layout whose plugins come from `source`. */
function listedFrom(source: string) {
  return { exit: 0, chinese: [{ source, status: 'ok' }], english: [{ source: expect.any(String), status: 'ok' }], klingon: [{ source, status: 'ok' }] };
}

for (const { name, kind, addAndRemoveOnly } of matrix) {
  describe(name, () => {
    let layout: Layout;
    const source = kind === 'project' ? 'project' : 'global';
    const flags = kind === 'global' ? ['-g'] : [];

    beforeAll(async () => {
      layout = await installed(name);
    });

    it('is the layout its manager makes', () => {
      expect(layout.misfits()).toEqual([]);
    });

    // The checks that change nothing run at once (this file: 216 s one by
    // one, 188 s so); not through npx and dlx, whose runs each re-check one
    // cache folder and slow each other down (2.5 s a run alone, up to 22 s).
    const check = addAndRemoveOnly ? it.skip : kind === 'one-off' ? it : it.concurrent;
    check.for([
      ['greeter', 'Hello Universe'],
      ['greeter chinese', '你好宇宙'],
      ['greeter tlh', 'nuqneH Universe'],
      ['greeter @acme/klingon', 'nuqneH Universe'],
    ])('%s greets', async ([command, greeting], { expect }) => {
      const ran = await layout.greeter(command!.split(' ').slice(1));
      expect(textOutcome(ran), stderrOf(ran)).toEqual(textGreeting(greeting!));
    });

    check(`list --json lists chinese, english and klingon once each, ok, chinese and klingon from ${source}`, async ({ expect }) => {
      const ran = await layout.greeter(['list', '--json']);
      expect(listed(ran), stderrOf(ran)).toEqual(listedFrom(source));
    });

    check('doctor --json finds everything healthy', async ({ expect }) => {
      const ran = await layout.greeter(['doctor', '--json']);
      expect(diagnosed(ran), stderrOf(ran)).toEqual({ exit: 0, ok: true, failed: [] });
    });

    check('greeter chinese --isolate --json greets', async ({ expect }) => {
      const ran = await layout.greeter(['chinese', '--isolate', '--json']);
      expect(jsonOutcome(ran), stderrOf(ran)).toEqual(jsonGreeting('你好宇宙'));
    });

    it.runIf(kind !== 'one-off')(`greeter add ${[...flags, 'latin'].join(' ')} installs it, runs no lifecycle script, and it greets`, async () => {
      const scripts = makeTree();
      const added = await layout.change(['add', ...flags, 'latin'], { env: { GREETER_E2E_SCRIPTS: scripts } });
      const { exit, code } = textOutcome(added);
      const greeted = textOutcome(await layout.greeter(['latin']));
      expect({ exit, code, installed: layout.has(latin), scriptsRun: readdirSync(scripts), greeted }, stderrOf(added)).toEqual({
        exit: 0,
        code: null,
        installed: true,
        scriptsRun: [],
        greeted: textGreeting('Salve Universe'),
      });
    });

    it.runIf(kind !== 'one-off')(`greeter remove ${[...flags, 'latin'].join(' ')} uninstalls it`, async () => {
      // Installed by the manager itself when `greeter add` did not, so that this checks remove alone.
      if (!layout.has(latin)) await layout.install([latin]);
      const scripts = makeTree();
      const removed = await layout.change(['remove', ...flags, 'latin'], { env: { GREETER_E2E_SCRIPTS: scripts } });
      const { exit, code } = textOutcome(removed);
      const greeted = textOutcome(await layout.greeter(['latin']));
      expect({ exit, code, installed: layout.has(latin), scriptsRun: readdirSync(scripts), greeted }, stderrOf(removed)).toEqual({
        exit: 0,
        code: null,
        installed: false,
        scriptsRun: [],
        greeted: textFailure('GREETER_PLUGIN_NOT_FOUND'),
      });
    });

    it.runIf(kind !== 'one-off')(
      `greeter outdated ${[...flags, '--json'].join(' ')} shows klingon one version behind, and info shows both versions`,
      async () => {
        const outdated = jsonOutcome(await layout.greeter(['outdated', ...flags, '--json']));
        const rows = (outdated.document as { plugins?: Array<{ name: string }> }).plugins ?? [];
        const row = (name: string) => rows.find((plugin) => plugin.name === name);
        const info = jsonOutcome(await layout.greeter(['info', 'tlh', '--json']));
        expect({ exit: outdated.exit, klingon: row('@acme/greeter-plugin-klingon'), chinese: row('greeter-plugin-chinese'), info }).toEqual({
          exit: 0,
          klingon: expect.objectContaining({ current: '1.0.0', compatible: '1.1.0', latest: '1.1.0', outdated: true, source }),
          chinese: expect.objectContaining({ outdated: false, source }),
          info: {
            exit: 0,
            document: expect.objectContaining({
              installed: expect.objectContaining({ version: '1.0.0' }),
              registry: expect.objectContaining({ latest: '1.1.0' }),
            }),
            stack: false,
          },
        });
      },
    );

    it.runIf(kind !== 'one-off')(`greeter update ${[...flags, 'klingon'].join(' ')} installs 1.1.0, checked, and tlh still greets`, async () => {
      const updated = await layout.change(['update', ...flags, 'klingon']);
      const listed = jsonOutcome(await layout.greeter(['list', '--json']));
      const versions = ((listed.document as { plugins?: Array<{ name: string; version: string }> }).plugins ?? [])
        .filter((plugin) => plugin.name === '@acme/greeter-plugin-klingon')
        .map((plugin) => plugin.version);
      const greeted = textOutcome(await layout.greeter(['tlh']));
      expect({ exit: textOutcome(updated).exit, code: textOutcome(updated).code, versions, greeted }, stderrOf(updated)).toEqual({
        exit: 0,
        code: null,
        versions: ['1.1.0'],
        greeted: textGreeting('nuqneH Universe'),
      });
    });

    it.runIf(kind === 'one-off')("a missing language's hint is the same one-off run with its plugin added", async () => {
      const ran = await layout.greeter(['latin']);
      const runner = name.startsWith('npx') ? '`npx -p greeter -p ' : '`pnpm dlx --package greeter --package ';
      expect({ ...textOutcome(ran), hinted: ran.stderr.includes(runner) && ran.stderr.includes('greeter-plugin-latin greeter latin`') }, stderrOf(ran)).toEqual(
        {
          ...textFailure('GREETER_PLUGIN_NOT_FOUND'),
          hinted: true,
        },
      );
    });

    it.runIf(kind !== 'project')('greeter add latin outside a project, without -g, is GREETER_USAGE and installs nothing', async () => {
      const outside = makeTree();
      const before = layout.has(latin);
      const ran = await layout.greeter(['add', 'latin'], { cwd: outside, timeoutMs: installMs });
      expect({ ...textOutcome(ran), created: readdirSync(outside), installed: layout.has(latin) }, stderrOf(ran)).toEqual({
        ...textFailure('GREETER_USAGE', 2),
        created: [],
        installed: before,
      });
    });
  });
}

// The installed CLI on the other supported Node.js majors, in the yarn 1
// project (greeter in node_modules as npm, yarn 1 and bun put it).
describe.each(otherNodeMajors)('the installed greeter on Node.js %i', (major) => {
  let run: (args: string[]) => Promise<Bounded>;

  beforeAll(async () => {
    const project = (await installed('yarn 1')).cwd;
    const node = nodeBinary(major);
    const bin = path.join(project, 'node_modules', 'greeter', 'bin', 'greeter.cjs');
    run = (args) => runBoundedAsync(node.command, [bin, ...args], project, toolEnv(node, env), 20_000);
  });

  it.each([
    ['greeter', 'Hello Universe'],
    ['greeter chinese', '你好宇宙'],
  ])('%s greets', async (command, greeting) => {
    const ran = await run(command.split(' ').slice(1));
    expect(textOutcome(ran), stderrOf(ran)).toEqual(textGreeting(greeting));
  });

  it('list --json lists chinese, english and klingon once each, ok', async () => {
    const ran = await run(['list', '--json']);
    expect(listed(ran), stderrOf(ran)).toEqual(listedFrom('project'));
  });
});
