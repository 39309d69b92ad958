import type { Cookies } from '@sveltejs/kit';

/** The httpOnly cookie holding the operator's session token. */
export const SESSION_COOKIE = 'roster_session';

/** Used when the API does not say when the token expires. */
const DEFAULT_MAX_AGE_SECONDS = 12 * 60 * 60;

export function setSessionCookie(cookies: Cookies, url: URL, token: string, expiresAt: Date | null): void {
  const seconds = expiresAt ? Math.floor((expiresAt.getTime() - Date.now()) / 1000) : DEFAULT_MAX_AGE_SECONDS;
  cookies.set(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: url.protocol === 'https:',
    maxAge: Math.max(60, seconds),
  });
}

export function clearSessionCookie(cookies: Cookies, url: URL): void {
  cookies.delete(SESSION_COOKIE, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: url.protocol === 'https:',
  });
}

/** A same-site path to go to after signing in; anything else (other hosts, `//x`) falls back to `/`. */
export function safeRedirectTarget(value: string | null): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  if (value.startsWith('/login') || value.startsWith('/logout')) return '/';
  return value;
}

/** The login URL that brings the operator back to `url` afterwards. */
export function loginUrl(url: URL): string {
  const target = url.pathname + url.search;
  return target === '/' ? '/login' : `/login?redirectTo=${encodeURIComponent(target)}`;
}
