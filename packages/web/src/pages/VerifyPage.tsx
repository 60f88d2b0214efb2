/** Public verification (no account): drop or choose a PDF, POST it to /api/verify, read the report in plain language. */
import { useEffect, useRef, useState, type DragEvent } from 'react';
import { ApiError, apiRequest } from '../api/client.js';
import { errorMessage } from '../api/error-message.js';
import type { ValidationReport } from '../api/types.js';
import { useI18n } from '../i18n/i18n-context.js';
import type { Translate } from '../i18n/translate.js';
import { PageTitle } from '../layout/PageTitle.js';
import { formatBytes } from '../verify/describe.js';
import { ReportView } from '../verify/ReportView.js';
import { useSession } from '../session.js';

type State =
  | { readonly kind: 'idle' }
  | { readonly kind: 'checking'; readonly name: string }
  | { readonly kind: 'done'; readonly name: string; readonly report: ValidationReport }
  | { readonly kind: 'failed'; readonly name: string; readonly error: unknown };

function failureText(error: unknown, t: Translate): string {
  if (error instanceof ApiError) {
    const reason = error.details?.reason;
    if (reason === 'VALIDATE_ENCRYPTED') return t('verify.error.encrypted');
    if (reason === 'VALIDATE_UNREADABLE') return t('verify.error.unreadable');
    if (reason === 'EMPTY') return t('verify.error.empty');
    if (error.code === 'PAYLOAD_TOO_LARGE' || reason === 'VALIDATE_LIMIT') return t('verify.error.tooLarge');
    if (error.code === 'UNSUPPORTED_MEDIA_TYPE') return t('verify.error.notPdf');
    if (error.code === 'RATE_LIMITED') return t('verify.error.busy');
  }
  return errorMessage(error, t);
}

export function VerifyPage() {
  const { t, lang } = useI18n();
  const { session } = useSession();
  const [state, setState] = useState<State>({ kind: 'idle' });
  const [dragging, setDragging] = useState(false);
  const [maxBytes, setMaxBytes] = useState<number | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const result = useRef<HTMLDivElement>(null);

  useEffect(() => {
    apiRequest<{ maxBytes: number }>('/api/verify/limits')
      .then((limits) => setMaxBytes(limits.maxBytes))
      .catch(() => setMaxBytes(null)); // the limit is only shown as a hint; the server enforces it anyway
  }, []);

  useEffect(() => {
    if (state.kind === 'done' || state.kind === 'failed') result.current?.focus();
  }, [state.kind]);

  const check = async (file: File) => {
    setState({ kind: 'checking', name: file.name });
    if (file.size === 0) return setState({ kind: 'failed', name: file.name, error: new ApiError('VALIDATION_FAILED', 400, 'empty', { reason: 'EMPTY' }) });
    if (maxBytes !== null && file.size > maxBytes) return setState({ kind: 'failed', name: file.name, error: new ApiError('PAYLOAD_TOO_LARGE', 413, 'too large') });
    try {
      const report = await apiRequest<ValidationReport>('/api/verify', { method: 'POST', body: new Blob([file], { type: 'application/pdf' }), csrfToken: session?.csrfToken ?? null });
      setState({ kind: 'done', name: file.name, report });
    } catch (error) {
      setState({ kind: 'failed', name: file.name, error });
    }
  };

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file) void check(file);
  };

  const again = () => {
    setState({ kind: 'idle' });
    if (input.current) input.current.value = '';
  };

  return (
    <div className="page">
      <PageTitle>{t('verify.title')}</PageTitle>
      <p className="lead">{t('verify.intro')}</p>
      {state.kind === 'idle' || state.kind === 'checking' ? (
        <div
          className={`dropzone${dragging ? ' dropzone-active' : ''}`}
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
          data-testid="dropzone"
        >
          <svg className="dropzone-icon" aria-hidden="true" viewBox="0 0 24 24" width="40" height="40">
            <path fill="currentColor" d="M14 2H6a2 2 0 0 0-2 2v16a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V8zm4 18H6V4h7v5h5zM8 13h8v2H8zm0 4h8v2H8z" />
          </svg>
          <p className="dropzone-text">{t('verify.drop')}</p>
          <p className="dropzone-or">{t('verify.or')}</p>
          <label className="button file-button">
            {t('verify.choose')}
            <input
              ref={input}
              className="visually-hidden"
              type="file"
              accept="application/pdf,.pdf"
              data-testid="file-input"
              disabled={state.kind === 'checking'}
              onChange={(e) => {
                const file = e.target.files?.[0];
                if (file) void check(file);
              }}
            />
          </label>
          <p className="dropzone-hint">{maxBytes === null ? null : t('verify.limit', { size: formatBytes(maxBytes, lang) })}</p>
          <p className="status" role="status" aria-live="polite">
            {state.kind === 'checking' ? t('verify.checking', { name: state.name }) : ''}
          </p>
        </div>
      ) : (
        <div ref={result} tabIndex={-1} className="result">
          {state.kind === 'done' ? (
            <ReportView report={state.report} fileName={state.name} />
          ) : (
            <p className="alert alert-error" role="alert" data-testid="verify-error">
              {failureText(state.error, t)}
            </p>
          )}
          <button type="button" className="button button-secondary" onClick={again}>
            {t('verify.again')}
          </button>
        </div>
      )}
    </div>
  );
}
