/**
 * Access to a PKCS#11 module through pkcs11js: loaded lazily (so the rest of the package
 * works where the native addon is absent), initialised once per module path and shared.
 */
import { createRequire } from 'node:module';
import type * as Pkcs11Types from 'pkcs11js';
import { PkiError } from '../../errors.js';

export type Pkcs11Lib = typeof Pkcs11Types;
export type Pkcs11 = InstanceType<Pkcs11Lib['PKCS11']>;
export type Handle = Buffer;

let lib: Pkcs11Lib | undefined;

export function pkcs11Lib(): Pkcs11Lib {
  if (!lib) {
    try {
      lib = createRequire(import.meta.url)('pkcs11js') as Pkcs11Lib;
    } catch (e) {
      throw new PkiError('PKCS11_ERROR', `the pkcs11js native module cannot be loaded: ${(e as Error).message}`, { cause: e });
    }
  }
  return lib;
}

const open = new Map<string, { p11: Pkcs11; users: number }>();

/** Wraps a pkcs11js failure into a PkiError that names the operation. */
export function p11Call<T>(what: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof PkiError) throw e;
    throw new PkiError('PKCS11_ERROR', `${what}: ${(e as Error).message}`, { cause: e });
  }
}

export function acquireModule(path: string): Pkcs11 {
  const entry = open.get(path);
  if (entry) {
    entry.users++;
    return entry.p11;
  }
  const L = pkcs11Lib();
  const p11 = new L.PKCS11();
  p11Call(`loading PKCS#11 module ${path}`, () => p11.load(path));
  try {
    p11.C_Initialize();
  } catch (e) {
    // Another component of the process initialised it already: usable as is.
    if (!(e instanceof L.Pkcs11Error && e.code === L.CKR_CRYPTOKI_ALREADY_INITIALIZED)) {
      throw new PkiError('PKCS11_ERROR', `C_Initialize on ${path}: ${(e as Error).message}`, { cause: e });
    }
  }
  open.set(path, { p11, users: 1 });
  return p11;
}

export function releaseModule(path: string): void {
  const entry = open.get(path);
  if (!entry) return;
  entry.users--;
  if (entry.users > 0) return;
  open.delete(path);
  p11Call('C_Finalize', () => entry.p11.C_Finalize());
  p11Call('closing the PKCS#11 module', () => entry.p11.close());
}

export function findSlot(p11: Pkcs11, tokenLabel: string): Handle {
  const slots = p11Call('C_GetSlotList', () => p11.C_GetSlotList(true));
  for (const slot of slots) {
    const info = p11Call('C_GetTokenInfo', () => p11.C_GetTokenInfo(slot));
    if (info.label.trim() === tokenLabel) return slot;
  }
  throw new PkiError('PKCS11_NOT_FOUND', `no token labelled "${tokenLabel}" on the PKCS#11 module`);
}

export interface SessionOptions {
  readonly module: string;
  readonly tokenLabel: string;
  readonly pin: string;
}

export interface Session {
  readonly p11: Pkcs11;
  readonly lib: Pkcs11Lib;
  readonly handle: Handle;
  close(): void;
}

/** A logged-in read/write session on the token. */
export function openSession(o: SessionOptions): Session {
  const L = pkcs11Lib();
  const p11 = acquireModule(o.module);
  try {
    const slot = findSlot(p11, o.tokenLabel);
    const handle = p11Call('C_OpenSession', () => p11.C_OpenSession(slot, L.CKF_SERIAL_SESSION | L.CKF_RW_SESSION));
    try {
      p11.C_Login(handle, L.CKU_USER, o.pin);
    } catch (e) {
      // Login state is per application: when another session of this process is logged in,
      // the token is usable and cannot re-check the PIN without logging everyone out.
      const already = e instanceof L.Pkcs11Error && e.code === L.CKR_USER_ALREADY_LOGGED_IN;
      if (!already) {
        p11.C_CloseSession(handle);
        throw new PkiError('PKCS11_ERROR', `login to token "${o.tokenLabel}" failed: ${(e as Error).message}`, { cause: e });
      }
    }
    let closed = false;
    return {
      p11,
      lib: L,
      handle,
      close() {
        if (closed) return;
        closed = true;
        p11Call('C_CloseSession', () => p11.C_CloseSession(handle));
        releaseModule(o.module);
      },
    };
  } catch (e) {
    releaseModule(o.module);
    throw e;
  }
}

/** The first object of `cls` with the given label and/or id. */
export function findObject(s: Session, cls: number, label?: string, id?: Uint8Array): Handle {
  const L = s.lib;
  if (label === undefined && id === undefined) throw new PkiError('PKI_INVALID_INPUT', 'give keyLabel or keyId');
  const template = [
    { type: L.CKA_CLASS, value: cls },
    ...(label !== undefined ? [{ type: L.CKA_LABEL, value: label }] : []),
    ...(id !== undefined ? [{ type: L.CKA_ID, value: Buffer.from(id) }] : []),
  ];
  p11Call('C_FindObjectsInit', () => s.p11.C_FindObjectsInit(s.handle, template));
  const found = p11Call('C_FindObjects', () => s.p11.C_FindObjects(s.handle));
  p11Call('C_FindObjectsFinal', () => s.p11.C_FindObjectsFinal(s.handle));
  if (!found) throw new PkiError('PKCS11_NOT_FOUND', `no object found for ${label !== undefined ? `label "${label}"` : ''}${id ? ` id ${Buffer.from(id).toString('hex')}` : ''}`);
  return found;
}
