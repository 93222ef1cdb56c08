import { useCallback, useSyncExternalStore } from 'react';

/**
 * A tiny hash router: the route survives a reload and works from `app://` and a plain
 * browser tab alike. Routes look like `#/qualification/CS1`.
 */
function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

function currentSegments(): string {
  return window.location.hash.replace(/^#\/?/, '');
}

export function useHashRoute(): [string[], (path: string) => void] {
  const raw = useSyncExternalStore(subscribe, currentSegments);
  const navigate = useCallback((path: string) => {
    window.location.hash = `#/${path.replace(/^\/+/, '')}`;
  }, []);
  const segments = raw.split('/').filter((segment) => segment !== '').map((segment) => {
    try {
      return decodeURIComponent(segment);
    } catch {
      return segment;
    }
  });
  return [segments, navigate];
}

export function routeHref(path: string): string {
  return `#/${path.split('/').map(encodeURIComponent).join('/')}`;
}
