import { useEffect, useState } from 'react';

/**
 * A `blob:` URL for a Blob while the component is on screen, revoked afterwards so the
 * browser can free the memory (the CSP allows blob: for images and media only).
 */
export function useObjectUrl(blob: Blob | undefined): string | undefined {
  const [url, setUrl] = useState<string | undefined>();
  useEffect(() => {
    if (!blob) {
      setUrl(undefined);
      return undefined;
    }
    const created = URL.createObjectURL(blob);
    setUrl(created);
    return () => URL.revokeObjectURL(created);
  }, [blob]);
  return url;
}
