import type { LoadedConfig } from '@greeter/host';

/** What a plugin may do beyond reading its own folders: network access, environment variables by name. */
export interface Permissions {
  net: boolean;
  env: string[];
}

/** What a plugin's manifest asks for (`"greeterPlugin": { "permissions": … }`); nothing when it asks for nothing or asks in a shape greeter does not know. */
export function askedPermissions(packageJson: { greeterPlugin?: unknown } | undefined): Permissions {
  const manifest = packageJson?.greeterPlugin;
  const asked = typeof manifest === 'object' && manifest !== null ? (manifest as { permissions?: unknown }).permissions : undefined;
  return permissionsOf(asked);
}

/** What the config grants the package (`"permissions": { "<package>": … }`). */
export function grantedPermissions(config: LoadedConfig | null, name: string): Permissions {
  return permissionsOf(config?.config.permissions?.[name]);
}

function permissionsOf(value: unknown): Permissions {
  if (typeof value !== 'object' || value === null) return { net: false, env: [] };
  const { net, env } = value as { net?: unknown; env?: unknown };
  return { net: net === true, env: Array.isArray(env) ? env.filter((name): name is string => typeof name === 'string') : [] };
}
