import { coreVersion, displayText } from '@greeter/core';
import type { Paint } from '../output.js';
import { trustLine } from '../trust-text.js';
import { infoJson, type PluginInfo } from './_plugin-info.js';

/** `greeter info` as text: one `label: value` line per field, untrusted text escaped. */
export function renderInfo(info: PluginInfo, paint: Paint): string {
  const document = infoJson(info);
  const lines = [paint('bold', displayText(document.name)), ...(document.description ? [displayText(document.description, 400)] : []), ''];
  const field = (label: string, value: string) => lines.push(`${`${label}:`.padEnd(13)}${value}`);
  field('languages', displayText(document.languages.join(', ') || '-', 400));
  const { installed, registry } = document;
  if (installed) {
    field('installed', `${displayText(installed.version ?? '?', 40)} (${installed.source}) at ${displayText(installed.realPath)}`);
    const range = installed.coreRange === null ? 'declares no @greeter/core range' : `@greeter/core ${displayText(installed.coreRange, 80)}`;
    field('status', `${installed.status === 'ok' ? paint('green', 'ok') : paint('red', installed.status)}: ${range}, this greeter is ${coreVersion}`);
    for (const copy of installed.shadows) field('shadows', `${displayText(copy.version ?? '?', 40)} (${copy.source}) at ${displayText(copy.path)}`);
  } else {
    field('installed', 'no');
  }
  if (registry) {
    field('registry', displayText(registry.url));
    field('latest', displayText(registry.latest ?? '-', 40));
    field('compatible', registry.compatible === null ? `none supports @greeter/core ${coreVersion}` : displayText(registry.compatible, 40));
  } else {
    field('registry', 'not reached');
  }
  if (document.runs !== null)
    field('runs', document.runs === 'isolated' ? 'isolated (a process of its own under the permission model)' : 'in-process (built in or trusted)');
  if (info.trust) field('verified', trustLine(info.trust));
  field('asks', permissionText(document.permissions.asked));
  field('granted', permissionText(document.permissions.granted));
  return `${lines.join('\n')}\n`;
}

function permissionText({ net, env }: { net: boolean; env: readonly string[] }): string {
  const parts = [...(net ? ['network'] : []), ...(env.length > 0 ? [`env ${env.map((name) => displayText(name, 64)).join(', ')}`] : [])];
  return parts.length === 0 ? 'nothing beyond its own folders' : parts.join('; ');
}
