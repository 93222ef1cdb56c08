import { useCallback, useSyncExternalStore } from 'react';

/**
 * A tiny hash router: the route survives a reload and works from `app://` and a plain
 * browser tab alike. Routes look like `#/qualification/CS1`.
 */
function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

function currentHashPath(): string {
  return window.location.hash.replace(/^#\/?/, '');
}

function splitSegments(raw: string): string[] {
  return raw.split('/').filter((segment) => segment !== '').map((segment) => {
    try {
      return decodeURIComponent(segment);
    } catch {
      return segment;
    }
  });
}

/** The route's segments now, outside React (e.g. to start loading its page early). */
export function currentRouteSegments(): string[] {
  return splitSegments(currentHashPath());
}

export function useHashRoute(): [string[], (path: string) => void] {
  const raw = useSyncExternalStore(subscribe, currentHashPath);
  const navigate = useCallback((path: string) => {
    window.location.hash = `#/${path.replace(/^\/+/, '')}`;
  }, []);
  return [splitSegments(raw), navigate];
}

export function routeHref(path: string): string {
  return `#/${path.split('/').map(encodeURIComponent).join('/')}`;
}
