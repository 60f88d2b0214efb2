/** The verdict as a badge: a word and a symbol, never colour alone. */
import type { Indication } from '../api/types.js';
import { useI18n } from '../i18n/i18n-context.js';

const SYMBOL: Record<Indication, string> = { TOTAL_PASSED: '✓', TOTAL_FAILED: '✗', INDETERMINATE: '?' };
const CLASS: Record<Indication, string> = { TOTAL_PASSED: 'badge-ok', TOTAL_FAILED: 'badge-bad', INDETERMINATE: 'badge-warn' };

export function StatusBadge({ indication }: { readonly indication: Indication }) {
  const { t } = useI18n();
  return (
    <span className={`badge ${CLASS[indication]}`} data-indication={indication}>
      <span aria-hidden="true">{SYMBOL[indication]}</span> {t(`report.verdict.${indication}`)}
    </span>
  );
}
