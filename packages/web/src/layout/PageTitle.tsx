/** A page's <h1>: sets the document title and, after an in-app navigation, takes focus so screen readers announce the new page. */
import { useEffect, useRef } from 'react';
import { useI18n } from '../i18n/i18n-context.js';
import { useRouter } from '../router.js';

export function PageTitle({ children }: { readonly children: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  const { t } = useI18n();
  const { location } = useRouter();
  const appName = t('app.name');
  useEffect(() => {
    document.title = children === appName ? appName : `${children} — ${appName}`;
  }, [children, appName]);
  useEffect(() => {
    if (location.navigated) ref.current?.focus();
  }, [location]);
  return (
    <h1 ref={ref} tabIndex={-1}>
      {children}
    </h1>
  );
}
