import { SvelteMap } from 'svelte/reactivity';
import { SELECTION_LIMIT, withinLimit } from './bulk';

interface Selectable {
  id: string;
  username: string | null;
}

/**
 * Users picked for a bulk action. It lives in the page component, so it survives the list's own
 * navigations (next page, a new search) and holds the usernames to name failures with later.
 */
export class UserSelection {
  readonly #users = new SvelteMap<string, string | null>();
  readonly limit: number;
  /** The last attempt to select more went past the limit. */
  limitReached = $state(false);

  constructor(limit = SELECTION_LIMIT) {
    this.limit = limit;
  }

  get size(): number {
    return this.#users.size;
  }

  get ids(): string[] {
    return [...this.#users.keys()];
  }

  get full(): boolean {
    return this.#users.size >= this.limit;
  }

  has(id: string): boolean {
    return this.#users.has(id);
  }

  /** The username, when the user was selected from a row that showed one. */
  labelOf(id: string): string | null {
    return this.#users.get(id) ?? null;
  }

  add(users: readonly Selectable[]): void {
    const fresh = users.filter((user) => !this.#users.has(user.id));
    const { accepted, refused } = withinLimit(
      this.#users.size,
      fresh.map((user) => user.id),
      this.limit,
    );
    const accept = new Set(accepted);
    for (const user of fresh) if (accept.has(user.id)) this.#users.set(user.id, user.username);
    this.limitReached = refused;
  }

  remove(ids: Iterable<string>): void {
    for (const id of ids) this.#users.delete(id);
    this.limitReached = false;
  }

  toggle(user: Selectable, on: boolean): void {
    if (on) this.add([user]);
    else this.remove([user.id]);
  }

  clear(): void {
    this.#users.clear();
    this.limitReached = false;
  }
}
