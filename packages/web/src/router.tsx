/** A minimal history router: the few pages of the app need paths, links and back/forward, nothing more. */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type AnchorHTMLAttributes, type MouseEvent, type ReactNode } from 'react';

interface Location {
  readonly path: string;
  readonly query: URLSearchParams;
  /** False on the page the browser loaded; true after an in-app navigation (pages then move focus to their title). */
  readonly navigated: boolean;
}

interface Router {
  readonly location: Location;
  navigate(to: string): void;
}

const RouterContext = createContext<Router | null>(null);

function currentLocation(navigated: boolean): Location {
  return { path: window.location.pathname, query: new URLSearchParams(window.location.search), navigated };
}

export function RouterProvider({ children }: { readonly children: ReactNode }) {
  const [location, setLocation] = useState<Location>(() => currentLocation(false));
  useEffect(() => {
    const onPop = () => setLocation(currentLocation(true));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const navigate = useCallback((to: string) => {
    window.history.pushState(null, '', to);
    setLocation(currentLocation(true));
    window.scrollTo(0, 0);
  }, []);
  const value = useMemo(() => ({ location, navigate }), [location, navigate]);
  return <RouterContext.Provider value={value}>{children}</RouterContext.Provider>;
}

export function useRouter(): Router {
  const router = useContext(RouterContext);
  if (!router) throw new Error('useRouter outside RouterProvider');
  return router;
}

/** An ordinary link that navigates inside the app (modified clicks still open a new tab). */
export function Link({ to, children, ...rest }: { readonly to: string; readonly children: ReactNode } & AnchorHTMLAttributes<HTMLAnchorElement>) {
  const { navigate, location } = useRouter();
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return (
    <a href={to} onClick={onClick} aria-current={location.path === to ? 'page' : undefined} {...rest}>
      {children}
    </a>
  );
}
