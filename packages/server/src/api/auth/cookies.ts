/** Reading the Cookie header and writing Set-Cookie lines for the session, CSRF and OIDC-flow cookies. */
import type { FastifyReply, FastifyRequest } from 'fastify';

export const SESSION_COOKIE = 'paraphe_session';
/** Readable by the web app's JavaScript, which copies it into X-CSRF-Token. */
export const CSRF_COOKIE = 'paraphe_csrf';
export const CSRF_HEADER = 'x-csrf-token';
export const OIDC_FLOW_COOKIE = 'paraphe_oidc';

export function readCookie(request: FastifyRequest, name: string): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      const value = part.slice(eq + 1).trim();
      return /^[A-Za-z0-9_\-.~]{1,200}$/.test(value) ? value : undefined;
    }
  }
  return undefined;
}

export interface CookieOptions {
  readonly httpOnly: boolean;
  /** Secure when the public URL is https. */
  readonly secure: boolean;
  /** Seconds; 0 deletes the cookie. */
  readonly maxAge: number;
}

export function setCookie(reply: FastifyReply, name: string, value: string, options: CookieOptions): void {
  const attributes = [`${name}=${value}`, 'Path=/', `Max-Age=${Math.max(0, Math.floor(options.maxAge))}`, 'SameSite=Lax'];
  if (options.httpOnly) attributes.push('HttpOnly');
  if (options.secure) attributes.push('Secure');
  const previous = reply.getHeader('set-cookie');
  const lines = previous === undefined ? [] : Array.isArray(previous) ? previous.map(String) : [String(previous)];
  void reply.header('set-cookie', [...lines, attributes.join('; ')]);
}

export function secureCookies(publicUrl: string): boolean {
  return publicUrl.startsWith('https://');
}
