import os from 'node:os';
import path from 'node:path';

/** greeter's cache folder: `$XDG_CACHE_HOME/greeter`, else `~/.cache/greeter` (the temporary folder without a home). */
export function cacheFolder(env: Record<string, string | undefined>): string {
  const base = env['XDG_CACHE_HOME'] || path.join(os.homedir() || os.tmpdir(), '.cache');
  return path.join(base, 'greeter');
}
