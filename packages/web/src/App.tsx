/** The app: providers, the layout, and the page for the current path. */
import type { ComponentType } from 'react';
import { I18nProvider } from './i18n/i18n-context.js';
import { Layout } from './layout/Layout.js';
import { HomePage } from './pages/HomePage.js';
import { NotFoundPage } from './pages/NotFoundPage.js';
import { SetupPage } from './pages/SetupPage.js';
import { SignInPage } from './pages/SignInPage.js';
import { VerifyPage } from './pages/VerifyPage.js';
import { RouterProvider, useRouter } from './router.js';
import { SessionProvider } from './session.js';

const PAGES: Readonly<Record<string, ComponentType>> = {
  '/': HomePage,
  '/login': SignInPage,
  '/setup': SetupPage,
  '/verify': VerifyPage,
};

function CurrentPage() {
  const { location } = useRouter();
  const Page = PAGES[location.path.replace(/\/+$/, '') || '/'] ?? NotFoundPage;
  return <Page key={location.path} />;
}

export function App() {
  return (
    <I18nProvider>
      <RouterProvider>
        <SessionProvider>
          <Layout>
            <CurrentPage />
          </Layout>
        </SessionProvider>
      </RouterProvider>
    </I18nProvider>
  );
}
