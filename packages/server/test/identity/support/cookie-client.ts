/**
 * A small HTTP client that keeps cookies like a browser on one host (loopback): it honours
 * Path and expiry, sends cookies back on every request and lets a test follow redirects
 * step by step across the application and the OpenID provider.
 */

interface StoredCookie {
  readonly name: string;
  readonly value: string;
  readonly path: string;
  readonly expires: number | undefined;
  readonly httpOnly: boolean;
}

export interface ClientResponse {
  readonly url: string;
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  json<T = unknown>(): T;
}

export class CookieClient {
  private readonly cookies = new Map<string, StoredCookie>();

  /** The value of a cookie visible at `path`, if any. */
  cookie(name: string, path = '/'): string | undefined {
    return this.visible(path).find((c) => c.name === name)?.value;
  }

  /** All stored cookies, for assertions on attributes. */
  all(): readonly StoredCookie[] {
    return [...this.cookies.values()];
  }

  async request(url: string, init: { method?: string; body?: string; headers?: Record<string, string> } = {}): Promise<ClientResponse> {
    const target = new URL(url);
    const cookieHeader = this.visible(target.pathname).map((c) => `${c.name}=${c.value}`).join('; ');
    const response = await fetch(target, {
      method: init.method ?? 'GET',
      redirect: 'manual',
      headers: { ...(cookieHeader ? { cookie: cookieHeader } : {}), ...(init.headers ?? {}) },
      ...(init.body !== undefined ? { body: init.body } : {}),
    });
    for (const line of response.headers.getSetCookie()) this.store(line, target);
    const text = await response.text();
    return { url: target.href, status: response.status, headers: response.headers, text, json: <T>() => JSON.parse(text) as T };
  }

  /** Requests `url` and follows 3xx redirects (as GET) until a non-redirect answer or until `stop` says so. */
  async follow(url: string, stop: (url: URL) => boolean = () => false, init?: { method?: string; body?: string; headers?: Record<string, string> }): Promise<ClientResponse> {
    let response = await this.request(url, init);
    for (let hops = 0; hops < 20; hops++) {
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) return response;
      const next = new URL(location, response.url);
      if (stop(next)) return response;
      response = await this.request(next.href);
    }
    throw new Error(`too many redirects from ${url}`);
  }

  private visible(path: string): StoredCookie[] {
    const now = Date.now();
    return [...this.cookies.values()]
      .filter((c) => c.expires === undefined || c.expires > now)
      .filter((c) => path === c.path || path.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`))
      .sort((a, b) => b.path.length - a.path.length);
  }

  private store(line: string, origin: URL): void {
    const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
    const eq = pair.indexOf('=');
    if (eq <= 0) return;
    const name = pair.slice(0, eq);
    const value = pair.slice(eq + 1);
    let path = origin.pathname.replace(/\/[^/]*$/, '') || '/';
    let expires: number | undefined;
    let httpOnly = false;
    for (const attribute of attributes) {
      const [key = '', ...rest] = attribute.split('=');
      const val = rest.join('=');
      switch (key.toLowerCase()) {
        case 'path':
          path = val || '/';
          break;
        case 'max-age':
          expires = Date.now() + Number(val) * 1000;
          break;
        case 'expires':
          expires ??= Date.parse(val);
          break;
        case 'httponly':
          httpOnly = true;
          break;
      }
    }
    const key = `${name};${path}`;
    if (expires !== undefined && expires <= Date.now()) this.cookies.delete(key);
    else this.cookies.set(key, { name, value, path, expires, httpOnly });
  }
}
