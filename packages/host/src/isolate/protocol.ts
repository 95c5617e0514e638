// What greeter and an isolated plugin's process say to each other. The
// request goes to the child on its stdin; the child answers with JSON lines
// on fd 3. Both carry the protocol version, and each side refuses a version
// it does not know (go-plugin's ProtocolVersion handshake): the child file
// that runs may come from another install of greeter than the parent.
//
// Everything the child sends is the plugin's word, not greeter's: plugin code
// runs in that process and can write to fd 3 too. So a message carries facts
// (a greeting, or which kind of failure and the plugin's own description of
// it), never a message, hint or free choice of code: the parent alone turns
// facts into what greeter says (see classify.ts).
import type { GreetOptions } from '@greeter/core';
import type { PluginCandidate } from '../types.js';

/** The version of this protocol; a child or parent speaking another refuses it. */
export const protocolVersion = 1;

/** The file descriptor the child writes its messages to. */
export const reportFd = 3;

/** What the parent asks the child to do. */
export interface IsolateRequest {
  protocol: number;
  candidate: PluginCandidate;
  greetOptions: GreetOptions;
  timeoutMs: number;
  /**
   * How the entry is loaded: as the host loads it (absent), always by
   * `import()` (Plug'n'Play with its ES module hooks), or always by
   * `require()` (Plug'n'Play on Node 20, where no ES module hook can run).
   */
  via?: 'import' | 'require' | undefined;
  /**
   * What of the network the process closes itself before plugin code runs:
   * all of it on Node ≤ 24, whose permission model cannot; UDP on Node 25+,
   * whose model lets a socket join a multicast group (and so bind a port);
   * nothing for a plugin granted the network.
   */
  lockNetwork: 'all' | 'udp' | 'none';
}

/** The error codes a child may report: failures of the plugin, never greeter's own. */
export const pluginFailureCodes = [
  'GREETER_PLUGIN_LOAD_FAILED',
  'GREETER_PLUGIN_INVALID',
  'GREETER_GREET_FAILED',
  'GREETER_GREET_TIMEOUT',
  'GREETER_PERMISSION_DENIED',
] as const;

/** A failure of plugin code, as the child saw it. */
export type PluginFailureCode = (typeof pluginFailureCodes)[number];

/** The permissions of Node's model a denied operation can name (and `Net` for greeter's own lock on Node ≤ 24). */
export const deniedPermissions = [
  'FileSystemRead',
  'FileSystemWrite',
  'ChildProcess',
  'WorkerThreads',
  'Addons',
  'WASI',
  'Inspector',
  'Signal',
  'Net',
] as const;

/** One permission of {@link deniedPermissions}. */
export type DeniedPermission = (typeof deniedPermissions)[number];

/** What a child reports about a failure: facts, each string of which the plugin may have chosen. */
export interface FailureFacts {
  code: PluginFailureCode;
  /** Whether loading or greeting failed. */
  phase: 'load' | 'greet';
  /** The child's description of what happened (for a thrown value, the plugin's own text). */
  detail: string;
  /** For `GREETER_PERMISSION_DENIED`: what was denied, and the path or address, if any. */
  denied?: { permission: DeniedPermission; resource: string } | undefined;
}

/** One line the child writes on fd 3. */
export type ChildMessage =
  | { protocol: number; kind: 'ready' }
  | { protocol: number; kind: 'greeting'; greeting: string }
  | { protocol: number; kind: 'failure'; failure: FailureFacts }
  | { protocol: number; kind: 'unsupported-protocol'; requested: number };

// What the parent keeps of a child's description.
const maxDetailLength = 2000;

/**
 * The messages in what a child wrote to fd 3, in order: each line that
 * parses and has a known shape, anything else skipped. The plugin may have
 * written some of them; that is for the caller to weigh (see classify.ts).
 */
export function parseChildMessages(text: string): ChildMessage[] {
  const messages: ChildMessage[] = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      continue;
    }
    const message = childMessage(value);
    if (message) messages.push(message);
  }
  return messages;
}

function childMessage(value: unknown): ChildMessage | undefined {
  if (!isRecord(value) || typeof value['protocol'] !== 'number') return undefined;
  const protocol = value['protocol'];
  switch (value['kind']) {
    case 'ready':
      return { protocol, kind: 'ready' };
    case 'greeting':
      return typeof value['greeting'] === 'string' ? { protocol, kind: 'greeting', greeting: value['greeting'] } : undefined;
    case 'unsupported-protocol':
      return typeof value['requested'] === 'number' ? { protocol, kind: 'unsupported-protocol', requested: value['requested'] } : undefined;
    case 'failure': {
      const failure = failureFacts(value['failure']);
      return failure ? { protocol, kind: 'failure', failure } : undefined;
    }
    default:
      return undefined;
  }
}

function failureFacts(value: unknown): FailureFacts | undefined {
  if (!isRecord(value)) return undefined;
  const { code, phase, detail, denied } = value;
  if (!(pluginFailureCodes as readonly unknown[]).includes(code) || (phase !== 'load' && phase !== 'greet') || typeof detail !== 'string') return undefined;
  const facts: FailureFacts = { code: code as PluginFailureCode, phase, detail: detail.slice(0, maxDetailLength) };
  if (isRecord(denied) && (deniedPermissions as readonly unknown[]).includes(denied['permission']) && typeof denied['resource'] === 'string') {
    facts.denied = { permission: denied['permission'] as DeniedPermission, resource: denied['resource'].slice(0, maxDetailLength) };
  }
  return facts;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
