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

/**
 * Characters a browser drops from, or reads differently in, a URL before resolving it: C0/C1 controls (tab,
 * CR, LF), every kind of whitespace (including U+2028/U+2029 and no-break spaces), format characters (bidi
 * marks, zero-width) and backslashes, which browsers read as `/`. `/\t/evil.test` becomes `//evil.test` to
 * Chromium; CR/LF would break the Location header. A real target of this console never contains them raw.
 */
const UNSAFE_IN_TARGET = /[\p{Cc}\p{Cf}\p{Z}\s\\]/u;

/** Paths that would bring the operator straight back to signing in. */
const SIGN_IN_PATHS = /^\/(login|logout)(\/|$)/;

/**
 * Where to go after signing in: a path of the console itself (`origin`), as the browser will read it.
 * Anything that could resolve elsewhere — another host, a scheme, `//x`, a backslash, a control or space
 * character — falls back to `/`. The target is parsed against the console's origin and that origin compared,
 * so no spelling the string checks missed can leave the site; the result is re-serialized (percent-encoded),
 * so the Location header is always valid.
 */
export function safeRedirectTarget(value: string | null, origin: string): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || UNSAFE_IN_TARGET.test(value)) return '/';
  let target: URL;
  try {
    target = new URL(value, origin);
  } catch {
    return '/';
  }
  if (target.origin !== new URL(origin).origin || SIGN_IN_PATHS.test(target.pathname)) return '/';
  return target.pathname + target.search + target.hash;
}

/** The login URL that brings the operator back to `url` afterwards. */
export function loginUrl(url: URL): string {
  const target = url.pathname + url.search;
  return target === '/' ? '/login' : `/login?redirectTo=${encodeURIComponent(target)}`;
}
