import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Vitest global setup: every greeter the tests start keeps its discovery
 * index in a temporary cache folder (removed afterwards), not in the
 * user's ~/.cache/greeter. Test workers inherit the variable.
 */
export default function setup(): () => void {
  const folder = mkdtempSync(path.join(tmpdir(), 'greeter-test-cache-'));
  process.env['GREETER_CACHE_DIR'] = folder;
  return () => rmSync(folder, { recursive: true, force: true });
}
