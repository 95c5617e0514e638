import { describe, expect, it } from 'vitest';
import { deniedOperation, permissionDenial } from './failures.js';

// Node 25 and later deny the network in the permission model itself; their
// error is ERR_ACCESS_DENIED with no `permission` field, and `fetch` wraps it
// as the cause of "fetch failed". Greeter's own network lock (Node 20–24)
// names the permission: both must read as the network, for the grant's hint.
const modelDenial = () =>
  Object.assign(new Error('connect ERR_ACCESS_DENIED Access to this API has been restricted. Use --allow-net to manage permissions.'), {
    code: 'ERR_ACCESS_DENIED',
  });

describe("Node 25+'s own network denial", () => {
  it('is the network, thrown or as the cause of a failed fetch', () => {
    expect(deniedOperation(modelDenial())).toBe('use the network');
    expect(deniedOperation(new TypeError('fetch failed', { cause: modelDenial() }))).toBe('use the network');
    expect(permissionDenial(modelDenial())).toEqual({ permission: 'Net', resource: '' });
  });

  it('is not taken from a denial that names another permission, or none and no network', () => {
    expect(deniedOperation(Object.assign(modelDenial(), { permission: 'FileSystemRead', resource: '/etc/passwd' }))).toBe('read /etc/passwd');
    const other = Object.assign(new Error('Access to this API has been restricted.'), { code: 'ERR_ACCESS_DENIED' });
    expect(deniedOperation(other)).toBe('do something the permission model forbids');
  });
});
