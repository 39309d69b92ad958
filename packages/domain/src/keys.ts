/** Application and role keys (API.md §4). */
export const KEY_PATTERN = /^[A-Za-z][A-Za-z0-9_.-]{0,99}$/;

export function isValidKey(key: string): boolean {
  return KEY_PATTERN.test(key);
}
