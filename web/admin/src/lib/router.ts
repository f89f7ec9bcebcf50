import { useEffect, useState } from 'react';

export const BASE = '/admin';

/** The app route: the path under /admin, e.g. "/" or "/org". */
export function currentRoute(): string {
  const p = window.location.pathname;
  const rest = p.startsWith(BASE) ? p.slice(BASE.length) : p;
  const r = rest.replace(/\/+$/, '');
  return r === '' ? '/' : r;
}

export function navigate(route: string, replace = false): void {
  const url = BASE + (route === '/' ? '/' : route);
  if (url === window.location.pathname + window.location.search) return;
  if (replace) window.history.replaceState(null, '', url);
  else window.history.pushState(null, '', url);
  window.dispatchEvent(new Event('gk:navigate'));
  window.scrollTo(0, 0);
}

export function useRoute(): string {
  const [route, setRoute] = useState(currentRoute);
  useEffect(() => {
    const update = () => setRoute(currentRoute());
    window.addEventListener('popstate', update);
    window.addEventListener('gk:navigate', update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener('gk:navigate', update);
    };
  }, []);
  return route;
}
