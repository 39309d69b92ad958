import { env } from '$env/dynamic/private';

let cached: string | undefined;

/**
 * Where the Roster API listens (without `/api/v1`): `API_URL`, else
 * `http://127.0.0.1:${API_PORT || 3000}`. Read at run time, so one build serves any deployment.
 */
export function apiBaseUrl(): string {
  if (cached !== undefined) return cached;
  const explicit = env.API_URL?.trim();
  const value = explicit || `http://127.0.0.1:${env.API_PORT?.trim() || '3000'}`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`API_URL "${value}" is not a valid URL; use e.g. http://127.0.0.1:3000`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`API_URL "${value}" must start with http:// or https://`);
  }
  cached = url.href.replace(/\/+$/, '');
  return cached;
}

/** How long one API call may take before the console gives up and says so. */
export const API_TIMEOUT_MS = 10_000;

/**
 * The API's address as identity providers reach it, for the SCIM base URL the Provisioning page shows:
 * `API_PUBLIC_URL`, else the address the console itself uses (API_URL), which behind a private network is not
 * one an identity provider can reach; the page says so.
 */
export function publicApiBaseUrl(): { url: string; configured: boolean } {
  const explicit = env.API_PUBLIC_URL?.trim();
  if (!explicit) return { url: apiBaseUrl(), configured: false };
  try {
    const url = new URL(explicit);
    if (url.protocol === 'http:' || url.protocol === 'https:')
      return { url: url.href.replace(/\/+$/, ''), configured: true };
  } catch {
    // Falls through: an unusable value is reported like a missing one.
  }
  throw new Error(`API_PUBLIC_URL "${explicit}" is not an http(s) URL; use e.g. https://roster.example.com`);
}
