/** Small typed calls to the running API that the measurements need (setup, recount, walking cursors). */

export class Api {
  constructor(
    readonly baseUrl: string,
    private token = '',
  ) {}

  authorize(token: string): void {
    this.token = token;
  }

  get headers(): Record<string, string> {
    return { authorization: `Bearer ${this.token}` };
  }

  async call<T = any>(method: string, path: string, body?: unknown, expected?: number): Promise<T> {
    const response = await fetch(`${this.baseUrl}/api/v1${path}`, {
      method,
      headers: { ...this.headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    const ok = expected === undefined ? response.ok : response.status === expected;
    if (!ok) throw new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 500)}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  async login(username: string, password: string): Promise<string> {
    const { token } = await this.call<{ token: string }>('POST', '/auth/login', { username, password });
    return token;
  }

  /** The cursor that starts `rows` rows deep into a list (walked page by page, as a client would). */
  async cursorAt(path: string, rows: number, pageSize = 200): Promise<string> {
    let cursor: string | null = null;
    for (let seen = 0; seen < rows; seen += pageSize) {
      const query: string = `limit=${Math.min(pageSize, rows - seen)}${cursor ? `&cursor=${cursor}` : ''}`;
      const page: { nextCursor: string | null } = await this.call(
        'GET',
        `${path}${path.includes('?') ? '&' : '?'}${query}`,
      );
      if (!page.nextCursor) throw new Error(`${path} has fewer than ${rows} rows`);
      cursor = page.nextCursor;
    }
    return cursor!;
  }
}
