/** Turns an API failure into a sentence for the person in front of the screen. */
import type { Translate } from '../i18n/translate.js';
import { ApiError } from './client.js';

export function errorMessage(error: unknown, t: Translate): string {
  if (!(error instanceof ApiError)) return t('errors.generic', { code: 'CLIENT' });
  if (error.code === 'NETWORK') return t('errors.network');
  if (error.code === 'VALIDATION_FAILED') return t('errors.validation', { message: error.message });
  return t('errors.generic', { code: error.code });
}
