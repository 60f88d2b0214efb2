/** RFC 5280 name constraints: permitted and excluded subtrees for DN, rfc822, DNS, URI and IP names. */
import type { ParsedCertificate } from './certificate.js';
import { emailAddressesInName, nameWithinSubtree, type GeneralName } from './names.js';

function dnsWithin(name: string, base: string): boolean {
  const n = name.toLowerCase().replace(/\.$/, '');
  const b = base.toLowerCase().replace(/\.$/, '');
  if (b === '') return true;
  if (b.startsWith('.')) return n.endsWith(b);
  return n === b || n.endsWith(`.${b}`);
}

function emailWithin(mail: string, base: string): boolean {
  const at = mail.lastIndexOf('@');
  const host = mail.slice(at + 1).toLowerCase();
  if (base.includes('@')) {
    const bat = base.lastIndexOf('@');
    return mail.slice(0, at) === base.slice(0, bat) && host === base.slice(bat + 1).toLowerCase();
  }
  if (base.startsWith('.')) return host.endsWith(base.toLowerCase());
  return host === base.toLowerCase();
}

function uriHost(uri: string): string | null {
  const m = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)/i.exec(uri);
  return m ? m[1]!.toLowerCase() : null;
}

function uriWithin(uri: string, base: string): boolean {
  const host = uriHost(uri);
  if (host === null) return false;
  const b = base.toLowerCase();
  if (b.startsWith('.')) return host.endsWith(b);
  return host === b;
}

function ipWithin(addr: Uint8Array, base: Uint8Array): boolean {
  if (base.length !== addr.length * 2) return false;
  for (let k = 0; k < addr.length; k++) {
    const mask = base[addr.length + k]!;
    if ((addr[k]! & mask) !== (base[k]! & mask)) return false;
  }
  return true;
}

function within(name: GeneralName, base: GeneralName): boolean {
  if (name.kind !== base.kind) return false;
  switch (name.kind) {
    case 'dn': return nameWithinSubtree(name.value, (base as typeof name).value);
    case 'dns': return dnsWithin(name.value, (base as typeof name).value);
    case 'rfc822': return emailWithin(name.value, (base as typeof name).value);
    case 'uri': return uriWithin(name.value, (base as typeof name).value);
    case 'ip': return ipWithin(name.value, (base as typeof name).value);
    default: return false;
  }
}

/** Names of a certificate subject to name constraints. */
function constrainedNames(cert: ParsedCertificate): GeneralName[] {
  const names: GeneralName[] = [];
  if (cert.subject.rdns.length > 0) names.push({ kind: 'dn', value: cert.subject });
  const san = cert.subjectAltNames ?? [];
  names.push(...san.filter((g) => g.kind !== 'other'));
  if (!san.some((g) => g.kind === 'rfc822')) {
    for (const mail of emailAddressesInName(cert.subject)) names.push({ kind: 'rfc822', value: mail });
  }
  return names;
}

export type NameConstraintViolation = 'not-permitted' | 'excluded';

export class NameConstraintState {
  /** One entry per constraining certificate: a name must satisfy each of them. */
  private readonly permitted: GeneralName[][] = [];
  private readonly excluded: GeneralName[] = [];

  check(cert: ParsedCertificate): NameConstraintViolation | null {
    const names = constrainedNames(cert);
    for (const name of names) {
      for (const set of this.permitted) {
        const sameKind = set.filter((b) => b.kind === name.kind);
        if (sameKind.length > 0 && !sameKind.some((b) => within(name, b))) return 'not-permitted';
      }
    }
    for (const name of names) {
      if (this.excluded.some((b) => within(name, b))) return 'excluded';
    }
    return null;
  }

  update(cert: ParsedCertificate): void {
    const nc = cert.nameConstraints;
    if (!nc) return;
    if (nc.permitted.length > 0) this.permitted.push(nc.permitted);
    this.excluded.push(...nc.excluded);
  }
}
