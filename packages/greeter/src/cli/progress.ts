import type { CommandContext } from './context.js';
import type { OutputStream } from './output.js';

const frames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/**
 * Waits for `work` with a spinner and `text` on stderr when stderr is a
 * terminal (and the command is not asked for JSON), cleared before the
 * result is printed. Elsewhere it waits quietly.
 */
export async function withProgress<T>(context: CommandContext, text: string, work: Promise<T>): Promise<T> {
  if (context.args.json || context.stderr.isTTY !== true) return work;
  const spinner = startSpinner(context.stderr, text);
  try {
    return await work;
  } finally {
    spinner.stop();
  }
}

function startSpinner(stream: OutputStream, text: string): { stop(): void } {
  let frame = 0;
  const draw = () => void stream.write(`\r${frames[frame++ % frames.length]} ${text}…`);
  draw();
  const timer = setInterval(draw, 80);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      stream.write('\r\u001b[K');
    },
  };
}
