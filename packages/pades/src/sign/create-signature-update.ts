/**
 * Builds the incremental update that adds one PAdES signature (B-B, or B-T with its signature
 * timestamp): field and widget, signature dictionary, optional DocMDP certification, CMS.
 */
import { pdfArray, pdfDict, pdfName, pdfNumber, withEntry, type PdfDocument, type PdfObject } from '@paraphe/pdf';
import { cachedCertificate, type HashAlgorithm } from '@paraphe/pki';
import { formatAppearanceLines } from '../appearance/index.js';
import { buildSignedData } from '../cms/build-signed-data.js';
import { CmsError } from '../cms/cms-error.js';
import { appendSignedUpdate, type SignedUpdate } from './append-signed-update.js';
import { attachSignatureField } from './attach-signature-field.js';
import { CatalogDraft } from './catalog-draft.js';
import { checkedTimestamper } from './checked-timestamper.js';
import { asDict } from './document-access.js';
import { pdfDate, pdfTextString } from './pdf-text.js';
import { SignError } from './sign-error.js';
import type { SignOptions } from './sign-options.js';

/** Room for signed attributes, signature value and ASN.1 framing (RSA-4096 included). */
const CMS_OVERHEAD = 2048 + 1024;
/** A typical RFC 3161 token with its TSA certificate; a larger one triggers one retry. */
const TIMESTAMP_ESTIMATE = 8192;

export interface SignatureUpdate extends SignedUpdate {
  readonly fieldName: string;
  readonly timestampToken: Uint8Array | undefined;
}

export function effectiveHash(options: SignOptions): HashAlgorithm {
  if (options.signer.scheme.kind === 'ed25519') return 'SHA-512'; // RFC 8419 §3.1
  return options.hash ?? 'SHA-256';
}

export async function createSignatureUpdate(doc: PdfDocument, options: SignOptions, withTimestamp: boolean): Promise<SignatureUpdate> {
  const { signer } = options;
  const hash = effectiveHash(options);
  const now = (options.clock ?? (() => new Date()))();
  const signerName = options.name ?? commonName(signer.certificate);
  const timestamper = withTimestamp && options.timestamper ? checkedTimestamper(options.timestamper) : undefined;
  const certBytes = [signer.certificate, ...signer.chain].reduce((n, c) => n + c.length, 0);
  let fieldName = '';
  let timestampToken: Uint8Array | undefined;

  const result = await appendSignedUpdate(doc, {
    hash,
    estimatedSize: certBytes + CMS_OVERHEAD + (timestamper ? TIMESTAMP_ESTIMATE : 0),
    stage(update, placeholders) {
      const catalog = new CatalogDraft(doc);
      const sigRef = update.allocate();
      const entries: [string, PdfObject][] = [
        ['Type', pdfName('Sig')],
        ['Filter', pdfName('Adobe.PPKLite')],
        ['SubFilter', pdfName('ETSI.CAdES.detached')],
        ['ByteRange', placeholders.byteRange],
        ['Contents', placeholders.contents],
        ['M', pdfDate(now)],
      ];
      if (signerName) entries.push(['Name', pdfTextString(signerName)]);
      if (options.reason) entries.push(['Reason', pdfTextString(options.reason)]);
      if (options.location) entries.push(['Location', pdfTextString(options.location)]);
      if (options.contactInfo) entries.push(['ContactInfo', pdfTextString(options.contactInfo)]);
      if (options.certify !== undefined) {
        entries.push(['Reference', pdfArray([docMdpReference(options.certify)])]);
        // Keep other permissions (e.g. usage rights /UR3) next to /DocMDP.
        const perms = asDict(doc, catalog.current.entries.get('Perms')) ?? pdfDict({});
        catalog.set('Perms', withEntry(perms, 'DocMDP', sigRef));
      }
      update.set(sigRef, pdfDict(entries));
      const visible = options.visible;
      fieldName = attachSignatureField(doc, update, catalog, {
        sigRef,
        baseName: 'Signature',
        ...(options.field !== undefined ? { fieldName: options.field } : {}),
        ...(visible ? { visible } : {}),
        lines: () =>
          visible?.lines ??
          formatAppearanceLines({
            signerName: signerName ?? '',
            date: now,
            ...(visible?.timeZone ? { timeZone: visible.timeZone } : {}),
            ...(visible?.locale ? { locale: visible.locale } : {}),
            ...(options.reason ? { reason: options.reason } : {}),
            ...(options.location ? { location: options.location } : {}),
            ...(options.levelOfAssurance ? { levelOfAssurance: options.levelOfAssurance } : {}),
          }),
      });
      catalog.commit(update);
      return sigRef;
    },
    async contents(digest) {
      try {
        const cms = await buildSignedData({ signer, hash, contentDigest: digest, ...(timestamper ? { timestamper } : {}) });
        timestampToken = cms.timestampToken;
        return cms.der;
      } catch (e) {
        if (e instanceof SignError) throw e;
        if (e instanceof CmsError) throw new SignError('SIGN_SIGNER_FAILED', e.message, e);
        throw new SignError('SIGN_SIGNER_FAILED', `the signer failed: ${(e as Error).message}`, e);
      }
    },
  });
  return { ...result, fieldName, timestampToken };
}

function docMdpReference(p: 1 | 2 | 3): PdfObject {
  return pdfDict({
    Type: pdfName('SigRef'),
    TransformMethod: pdfName('DocMDP'),
    TransformParams: pdfDict({ Type: pdfName('TransformParams'), P: pdfNumber(p), V: pdfName('1.2') }),
  });
}

function commonName(certificate: Uint8Array): string | undefined {
  try {
    // Memoised by DER hash: a signer signing many documents parses its certificate once.
    return cachedCertificate(certificate).subjectCommonName;
  } catch (e) {
    throw new SignError('SIGN_SIGNER_FAILED', `the signer's certificate cannot be read: ${(e as Error).message}`, e);
  }
}
