/** The RFC 5280 §6.1 valid_policy_tree with explicit_policy, policy_mapping and inhibit_anyPolicy state. */
import type { ParsedCertificate } from './certificate.js';
import { OID } from './extensions.js';
import type { PolicyOptions } from './types.js';

const ANY = OID.anyPolicy;

interface PolicyNode {
  valid: string;
  qualifiers?: Uint8Array;
  expected: Set<string>;
  children: PolicyNode[];
  parent?: PolicyNode;
}

function atDepth(root: PolicyNode | null, depth: number): PolicyNode[] {
  let level = root ? [root] : [];
  for (let d = 0; d < depth; d++) level = level.flatMap((n) => n.children);
  return level;
}

function addChild(parent: PolicyNode, valid: string, expected: Set<string>, qualifiers?: Uint8Array): void {
  const node: PolicyNode = { valid, expected, children: [], parent };
  if (qualifiers) node.qualifiers = qualifiers;
  parent.children.push(node);
}

/** Removes childless nodes above `depth`; returns the surviving root. */
function prune(root: PolicyNode | null, depth: number): PolicyNode | null {
  if (!root) return null;
  const visit = (node: PolicyNode, d: number): boolean => {
    if (d >= depth) return true;
    node.children = node.children.filter((c) => visit(c, d + 1));
    return node.children.length > 0;
  };
  return visit(root, 0) ? root : null;
}

export interface PolicyOutcome { ok: boolean; reason?: string }

export class PolicyState {
  private root: PolicyNode | null = { valid: ANY, expected: new Set([ANY]), children: [] };
  private explicitPolicy: number;
  private policyMapping: number;
  private inhibitAny: number;
  private readonly initialSet: Set<string>;

  constructor(private readonly n: number, options: PolicyOptions = {}) {
    this.explicitPolicy = options.explicitPolicy ? 0 : n + 1;
    this.policyMapping = options.inhibitPolicyMapping ? 0 : n + 1;
    this.inhibitAny = options.inhibitAnyPolicy ? 0 : n + 1;
    const initial = options.initialPolicySet && options.initialPolicySet.length > 0 ? options.initialPolicySet : [ANY];
    this.initialSet = new Set(initial);
  }

  /** §6.1.3 (d)–(f) for certificate i (1-based, n = leaf). */
  processCertificate(cert: ParsedCertificate, i: number): PolicyOutcome {
    if (cert.policies && this.root) {
      const parents = atDepth(this.root, i - 1);
      for (const p of cert.policies) {
        if (p.oid === ANY) continue;
        const matching = parents.filter((node) => node.expected.has(p.oid));
        const targets = matching.length > 0 ? matching : parents.filter((node) => node.valid === ANY);
        for (const parent of targets) addChild(parent, p.oid, new Set([p.oid]), p.qualifiers);
      }
      const anyPolicy = cert.policies.find((p) => p.oid === ANY);
      if (anyPolicy && (this.inhibitAny > 0 || (i < this.n && cert.selfIssued))) {
        for (const parent of parents) {
          const present = new Set(parent.children.map((c) => c.valid));
          for (const e of parent.expected) if (!present.has(e)) addChild(parent, e, new Set([e]), anyPolicy.qualifiers);
        }
      }
      this.root = prune(this.root, i);
    } else {
      this.root = null;
    }
    if (this.explicitPolicy <= 0 && !this.root) return { ok: false, reason: 'no valid set of policies' };
    return { ok: true };
  }

  /** §6.1.4 (a), (b), (h)–(j) after certificate i (i < n). */
  prepareNext(cert: ParsedCertificate, i: number): PolicyOutcome {
    const mappings = cert.policyMappings ?? [];
    if (mappings.some((m) => m.issuerDomain === ANY || m.subjectDomain === ANY)) {
      return { ok: false, reason: 'contains a policy mapping for the "any policy"' };
    }
    if (mappings.length > 0 && this.root) {
      const byIssuer = new Map<string, Set<string>>();
      for (const m of mappings) {
        const set = byIssuer.get(m.issuerDomain) ?? new Set<string>();
        set.add(m.subjectDomain);
        byIssuer.set(m.issuerDomain, set);
      }
      for (const [idp, subjects] of byIssuer) {
        const level = atDepth(this.root, i);
        const nodes = level.filter((node) => node.valid === idp);
        if (this.policyMapping > 0) {
          if (nodes.length > 0) {
            for (const node of nodes) node.expected = new Set(subjects);
          } else {
            const anyNode = level.find((node) => node.valid === ANY);
            if (anyNode?.parent) addChild(anyNode.parent, idp, new Set(subjects), anyNode.qualifiers);
          }
        } else {
          for (const node of nodes) {
            if (node.parent) node.parent.children = node.parent.children.filter((c) => c !== node);
          }
          this.root = prune(this.root, i);
          if (!this.root) break;
        }
      }
    }
    if (!cert.selfIssued) {
      if (this.explicitPolicy > 0) this.explicitPolicy--;
      if (this.policyMapping > 0) this.policyMapping--;
      if (this.inhibitAny > 0) this.inhibitAny--;
    }
    const pc = cert.policyConstraints;
    if (pc?.requireExplicitPolicy !== undefined && pc.requireExplicitPolicy < this.explicitPolicy) {
      this.explicitPolicy = pc.requireExplicitPolicy;
    }
    if (pc?.inhibitPolicyMapping !== undefined && pc.inhibitPolicyMapping < this.policyMapping) {
      this.policyMapping = pc.inhibitPolicyMapping;
    }
    if (cert.inhibitAnyPolicy !== undefined && cert.inhibitAnyPolicy < this.inhibitAny) {
      this.inhibitAny = cert.inhibitAnyPolicy;
    }
    return { ok: true };
  }

  /** §6.1.5 (a), (b), (g) for the leaf certificate. */
  wrapUp(leaf: ParsedCertificate): PolicyOutcome {
    if (this.explicitPolicy > 0) this.explicitPolicy--;
    if (leaf.policyConstraints?.requireExplicitPolicy === 0) this.explicitPolicy = 0;
    if (this.root && !this.initialSet.has(ANY)) this.intersectWithInitialSet();
    if (this.explicitPolicy <= 0 && !this.root) return { ok: false, reason: 'no valid set of policies' };
    return { ok: true };
  }

  /** Policies acceptable for the path (user-domain OIDs), or null when the tree is empty. */
  validPolicies(): string[] | null {
    if (!this.root) return null;
    return [...new Set(atDepth(this.root, this.n).map((node) => node.valid))];
  }

  private intersectWithInitialSet(): void {
    const n = this.n;
    const all: PolicyNode[] = [];
    for (let d = 1; d <= n; d++) all.push(...atDepth(this.root, d));
    const validNodeSet = all.filter((node) => node.parent?.valid === ANY);
    for (const node of validNodeSet) {
      if (node.valid !== ANY && !this.initialSet.has(node.valid) && node.parent) {
        node.parent.children = node.parent.children.filter((c) => c !== node);
      }
    }
    const anyLeaf = atDepth(this.root, n).find((node) => node.valid === ANY);
    if (anyLeaf?.parent) {
      const present = new Set(validNodeSet.map((node) => node.valid));
      for (const p of this.initialSet) {
        if (!present.has(p)) addChild(anyLeaf.parent, p, new Set([p]), anyLeaf.qualifiers);
      }
      anyLeaf.parent.children = anyLeaf.parent.children.filter((c) => c !== anyLeaf);
    }
    this.root = prune(this.root, n);
  }
}
