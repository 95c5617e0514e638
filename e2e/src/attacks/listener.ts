import { createSocket } from 'node:dgram';
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';

/** A TCP and a UDP server on 127.0.0.1 that note what reached them: the sentinel of the network attacks. */
export interface Listener {
  tcpPort: number;
  udpPort: number;
  /**
   * What reached the servers since the last call, each thing once, sorted:
   * `fetch` and `http` (by request path), `net`, `tls` (a ClientHello),
   * `dgram`, `dns` (a query), or `other`. Resolves only after everything
   * sent before the call was handled: a probe of each kind goes last.
   */
  seen(): Promise<string[]>;
  close(): Promise<void>;
}

const probe = 'probe';

/** Starts the servers. Every TCP connection gets an HTTP 200 answer to its first bytes and is closed. */
export async function startListener(): Promise<Listener> {
  let seen: string[] = [];
  let probed: (() => void) | undefined;
  const note = (what: string) => {
    if (what === probe) probed?.();
    else seen.push(what);
  };
  const tcp = createServer((socket: Socket) => {
    socket.on('error', () => {});
    socket.once('data', (chunk: Buffer) => {
      note(tcpKind(chunk));
      socket.end('HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: close\r\n\r\nok');
    });
  });
  const udp = createSocket('udp4');
  udp.on('message', (message) => note(udpKind(message)));
  await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve));
  await new Promise<void>((resolve) => udp.bind(0, '127.0.0.1', resolve));
  const tcpPort = (tcp.address() as AddressInfo).port;
  const udpPort = udp.address().port;

  // The kernel queues what came before a probe ahead of it; a turn of the
  // event loop after the probe lets its handlers run.
  const settle = async (send: () => void) => {
    await new Promise<void>((resolve) => {
      probed = resolve;
      send();
    });
    await new Promise((resolve) => setImmediate(resolve));
  };
  return {
    tcpPort,
    udpPort,
    async seen() {
      await settle(() =>
        connect(tcpPort, '127.0.0.1', function (this: Socket) {
          this.on('error', () => {}).end(probe);
        }),
      );
      await settle(() => udp.send(probe, udpPort, '127.0.0.1'));
      const result = [...new Set(seen)].sort();
      seen = [];
      return result;
    },
    close: async () => {
      udp.close();
      await new Promise((resolve) => tcp.close(resolve));
    },
  };
}

function tcpKind(chunk: Buffer): string {
  if (chunk[0] === 0x16) return 'tls';
  const text = chunk.toString('latin1');
  if (text.startsWith(probe)) return probe;
  if (text.startsWith('net')) return 'net';
  return /^GET \/(fetch|http) /.exec(text)?.[1] ?? 'other';
}

function udpKind(message: Buffer): string {
  const text = message.toString('latin1');
  if (text === probe || text === 'dgram') return text;
  // A DNS query carries the name as labels: "greeter-plugin-net" is one.
  return text.includes('greeter-plugin-net') ? 'dns' : 'other';
}
