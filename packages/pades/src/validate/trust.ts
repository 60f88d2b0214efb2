/**
 * Trust of a signer or TSA certificate at a time: RFC 5280 path validation to the caller's
 * anchors, with revocation data from the signature, the DSS and, only when given, fetchers.
 */
import { OID, type PathValidationResult, validateCertPath } from '@paraphe/pki';
import type { RevocationFacts, SubIndication } from './report.js';
import type { ValidationFetchers, ValidationPolicy } from './options.js';

export interface TrustInput {
  readonly leaf: Uint8Array;
  readonly pool: readonly Uint8Array[];
  readonly crls: readonly Uint8Array[];
  readonly ocsps: readonly Uint8Array[];
  /** Whether some of the revocation data came from the DSS (for the reported source). */
  readonly dssRevocation: boolean;
  readonly time: Date;
  readonly timestampAuthority: boolean;
}

export interface TrustFacts {
  readonly trusted: boolean;
  readonly indication: 'PASSED' | 'INDETERMINATE' | 'FAILED';
  readonly subIndication: SubIndication | null;
  readonly reasons: string[];
  readonly revocation: RevocationFacts;
  readonly path: Uint8Array[];
}

export async function checkTrust(input: TrustInput, anchors: readonly Uint8Array[], fetchers: ValidationFetchers | undefined, policy: ValidationPolicy | undefined): Promise<TrustFacts> {
  let result: PathValidationResult;
  try {
    result = await validateCertPath(input.leaf, {
      trustAnchors: anchors,
      intermediates: input.pool,
      time: input.time,
      crls: input.crls,
      ocspResponses: input.ocsps,
      ...(fetchers ? { fetchers } : {}),
      revocation: policy?.revocation ?? 'if-available',
      ...(input.timestampAuthority ? { requiredEku: [OID.kpTimeStamping] } : {}),
    });
  } catch (e) {
    return {
      trusted: false, indication: 'INDETERMINATE', subIndication: 'CERTIFICATE_CHAIN_GENERAL_FAILURE',
      reasons: [`certificate path validation could not be carried out: ${(e as Error).message}`],
      revocation: { status: 'unknown', source: null }, path: [],
    };
  }
  const rev = result.revocation;
  const source = rev.source === null ? null : input.dssRevocation && !fetchers ? 'dss' : rev.source;
  return {
    trusted: result.indication === 'PASSED',
    indication: result.indication,
    subIndication: (result.subIndication ?? null) as SubIndication | null,
    reasons: result.reasons,
    revocation: { status: rev.status, source },
    path: result.path,
  };
}
