/** The typed server configuration, read once from environment variables (see README, "Configuration"). */
import { resolve } from 'node:path';
import { ConfigError } from '../errors.js';

export type DatabaseConfig =
  | { readonly kind: 'sqlite'; readonly file: string }
  /** `schema` puts every table in that PostgreSQL schema (tests isolate themselves this way). */
  | { readonly kind: 'postgres'; readonly url: string; readonly schema?: string };

export interface SmtpConfig {
  readonly host: string;
  readonly port: number;
  /** Implicit TLS (port 465 style); otherwise STARTTLS when the server offers it. */
  readonly secure: boolean;
  readonly user?: string;
  readonly password?: string;
  readonly from: string;
}

export interface OidcConfig {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret?: string;
  readonly scopes: readonly string[];
}

export interface SmsConfig {
  /** HTTP endpoint of the SMS provider; without it messages stay in the outbox. */
  readonly url: string;
  readonly token?: string;
  readonly sender?: string;
}

/** A PKCS#11 token (HSM) holding departmental seal keys; the PIN never leaves the configuration. */
export interface Pkcs11Config {
  /** Path of the PKCS#11 module, e.g. /usr/lib/softhsm/libsofthsm2.so. */
  readonly module: string;
  readonly tokenLabel: string;
  readonly pin: string;
}

export interface Config {
  readonly host: string;
  readonly port: number;
  /** Base of every link the server writes (mails, setup link, AIA/CRL URLs in certificates). No trailing slash. */
  readonly publicUrl: string;
  readonly dataDir: string;
  readonly database: DatabaseConfig;
  readonly blobsDir: string;
  /** 32-byte AES-256 key wrapping server-held private keys; when absent it is read from / generated into masterKeyFile. */
  readonly masterKey?: Buffer;
  readonly masterKeyFile: string;
  readonly limits: {
    /** Largest JSON request body, in bytes. */
    readonly bodyBytes: number;
    /** Largest uploaded file (PDF), in bytes. */
    readonly uploadBytes: number;
  };
  /** Mail goes through SMTP when set; otherwise it stays in the outbox table (viewable in the app). */
  readonly smtp?: SmtpConfig;
  /** Staff sign-on through OpenID Connect when set. */
  readonly oidc?: OidcConfig;
  readonly sms?: SmsConfig;
  /** Seal keys may be generated on this token instead of being wrapped by the master key. */
  readonly pkcs11?: Pkcs11Config;
  /** An external RFC 3161 TSA instead of the built-in one. */
  readonly tsaUrl?: string;
  /**
   * Which reverse proxies are believed about the client address (X-Forwarded-For), which the
   * audit trail records: false (direct), true (any), a hop count, or addresses/CIDRs.
   */
  readonly trustProxy: boolean | number | readonly string[];
  /** Run the background job worker in this process. */
  readonly worker: boolean;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
}

type Env = Readonly<Record<string, string | undefined>>;

const MiB = 1024 * 1024;

/** Builds the configuration from environment variables; `cwd` anchors the default `./data` folder. */
export function loadConfig(env: Env, cwd: string = process.cwd()): Config {
  const dataDir = resolve(cwd, env.PARAPHE_DATA_DIR || 'data');
  const port = integer(env, 'PORT', 3000, 0, 65535);
  const host = env.HOST || '0.0.0.0';
  const publicUrl = (env.PARAPHE_PUBLIC_URL || `http://localhost:${port}`).replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]+/.test(publicUrl)) throw new ConfigError(`PARAPHE_PUBLIC_URL must be an http(s) URL, got "${publicUrl}"`);
  return {
    host,
    port,
    publicUrl,
    dataDir,
    database: databaseConfig(env, dataDir),
    blobsDir: resolve(dataDir, env.PARAPHE_BLOBS_DIR || 'blobs'),
    ...(env.PARAPHE_MASTER_KEY ? { masterKey: masterKey(env.PARAPHE_MASTER_KEY) } : {}),
    masterKeyFile: resolve(dataDir, 'master.key'),
    limits: {
      bodyBytes: integer(env, 'PARAPHE_BODY_LIMIT', 1 * MiB, 1024, 1024 * MiB),
      uploadBytes: integer(env, 'PARAPHE_UPLOAD_LIMIT', 50 * MiB, 1024, 4096 * MiB),
    },
    ...optional('smtp', smtpConfig(env)),
    ...optional('oidc', oidcConfig(env)),
    ...optional('sms', env.SMS_URL ? { url: env.SMS_URL, token: env.SMS_TOKEN, sender: env.SMS_SENDER } : undefined),
    ...optional('pkcs11', pkcs11Config(env)),
    ...optional('tsaUrl', env.PARAPHE_TSA_URL || undefined),
    trustProxy: trustProxy(env.PARAPHE_TRUST_PROXY),
    worker: env.PARAPHE_WORKER !== 'off',
    logLevel: logLevel(env.LOG_LEVEL),
  };
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

function databaseConfig(env: Env, dataDir: string): DatabaseConfig {
  const url = env.DATABASE_URL;
  if (!url) return { kind: 'sqlite', file: resolve(dataDir, 'paraphe.db') };
  if (/^postgres(ql)?:\/\//.test(url)) return { kind: 'postgres', url, ...(env.DATABASE_SCHEMA ? { schema: env.DATABASE_SCHEMA } : {}) };
  if (url.startsWith('sqlite:')) return { kind: 'sqlite', file: resolve(dataDir, url.slice('sqlite:'.length)) };
  throw new ConfigError('DATABASE_URL must start with postgres:// or sqlite:');
}

function masterKey(text: string): Buffer {
  const key = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  if (key.length !== 32) throw new ConfigError('PARAPHE_MASTER_KEY must be 32 bytes, hex (64 digits) or base64');
  return key;
}

function smtpConfig(env: Env): SmtpConfig | undefined {
  if (!env.SMTP_HOST) return undefined;
  const secure = env.SMTP_SECURE === 'true' || env.SMTP_SECURE === '1';
  return {
    host: env.SMTP_HOST,
    port: integer(env, 'SMTP_PORT', secure ? 465 : 587, 1, 65535),
    secure,
    ...(env.SMTP_USER ? { user: env.SMTP_USER } : {}),
    ...(env.SMTP_PASSWORD ? { password: env.SMTP_PASSWORD } : {}),
    from: env.SMTP_FROM || 'Paraphe <no-reply@localhost>',
  };
}

function pkcs11Config(env: Env): Pkcs11Config | undefined {
  if (!env.PARAPHE_PKCS11_MODULE) return undefined;
  if (!env.PARAPHE_PKCS11_TOKEN || !env.PARAPHE_PKCS11_PIN) {
    throw new ConfigError('PARAPHE_PKCS11_MODULE is set: PARAPHE_PKCS11_TOKEN (token label) and PARAPHE_PKCS11_PIN are required too');
  }
  return { module: env.PARAPHE_PKCS11_MODULE, tokenLabel: env.PARAPHE_PKCS11_TOKEN, pin: env.PARAPHE_PKCS11_PIN };
}

function oidcConfig(env: Env): OidcConfig | undefined {
  if (!env.OIDC_ISSUER) return undefined;
  if (!env.OIDC_CLIENT_ID) throw new ConfigError('OIDC_ISSUER is set but OIDC_CLIENT_ID is missing');
  return {
    issuer: env.OIDC_ISSUER,
    clientId: env.OIDC_CLIENT_ID,
    ...(env.OIDC_CLIENT_SECRET ? { clientSecret: env.OIDC_CLIENT_SECRET } : {}),
    scopes: (env.OIDC_SCOPES || 'openid email profile').split(/[\s,]+/).filter(Boolean),
  };
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer between ${min} and ${max}, got "${text}"`);
  }
  return value;
}

function trustProxy(text: string | undefined): Config['trustProxy'] {
  if (!text || text === 'false') return false;
  if (text === 'true') return true;
  if (/^\d+$/.test(text)) return Number(text);
  const list = text.split(',').map((s) => s.trim()).filter(Boolean);
  if (!list.every((a) => /^[0-9a-fA-F.:]+(\/\d{1,3})?$/.test(a) || ['loopback', 'linklocal', 'uniquelocal'].includes(a))) {
    throw new ConfigError('PARAPHE_TRUST_PROXY must be true, false, a hop count or a comma-separated list of addresses/CIDRs');
  }
  return list;
}

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
function logLevel(text: string | undefined): Config['logLevel'] {
  if (!text) return 'info';
  const found = LEVELS.find((l) => l === text);
  if (!found) throw new ConfigError(`LOG_LEVEL must be one of ${LEVELS.join(', ')}`);
  return found;
}
