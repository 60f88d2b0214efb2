/** Sets and clears the pair of cookies of a browser session. */
import type { FastifyReply } from 'fastify';
import type { Config } from '../../config/config.js';
import type { NewSession } from '../../domain/identity/create-session.js';
import { CSRF_COOKIE, SESSION_COOKIE, secureCookies, setCookie } from './cookies.js';

export function setSessionCookies(reply: FastifyReply, config: Config, session: NewSession, now: Date): void {
  const maxAge = (session.expiresAt.getTime() - now.getTime()) / 1000;
  const secure = secureCookies(config.publicUrl);
  setCookie(reply, SESSION_COOKIE, session.token, { httpOnly: true, secure, maxAge });
  setCookie(reply, CSRF_COOKIE, session.csrfToken, { httpOnly: false, secure, maxAge });
}

export function clearSessionCookies(reply: FastifyReply, config: Config): void {
  const secure = secureCookies(config.publicUrl);
  setCookie(reply, SESSION_COOKIE, '', { httpOnly: true, secure, maxAge: 0 });
  setCookie(reply, CSRF_COOKIE, '', { httpOnly: false, secure, maxAge: 0 });
}
