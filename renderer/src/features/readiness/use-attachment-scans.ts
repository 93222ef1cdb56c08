/**
 * The attachment scans the readiness checks need (photo metadata; personal data in text and CSV
 * files), read from the app's own copies of the files. A file is scanned once for as long as
 * the page is open: its SHA-256 names its content, so edits elsewhere never trigger a rescan.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { type AttachmentScan, scanPortfolioAttachments } from '../../../../core/checks/checks';
import type { PortfolioContent } from '../../../../core/model/portfolio';
import { appDb } from '../../db/app-db';
import { getAttachment } from '../../db/attachments-repo';

/** Scans of the portfolio's attachments; undefined until the first scan has finished. */
export function useAttachmentScans(content: PortfolioContent | undefined): ReadonlyMap<string, AttachmentScan> | undefined {
  const cache = useRef(new Map<string, AttachmentScan>());
  const [scans, setScans] = useState<ReadonlyMap<string, AttachmentScan> | undefined>();
  // What decides the scans: each attachment and the name it has (a ".csv" name is read as CSV).
  const key = useMemo(() => {
    if (content === undefined) return '';
    const parts = content.evidence.flatMap((item) => item.attachments.map((ref) => `${ref.sha256}:${ref.name}`));
    return `${content.portfolio.id}\u0000${[...new Set(parts)].sort().join('\u0000')}`;
  }, [content]);
  const startedKey = useRef('');

  useEffect(() => {
    // Content changes with every edit; only a change of files (the key) starts a scan.
    if (content === undefined || startedKey.current === key) return;
    startedKey.current = key;
    const db = appDb();
    const known = cache.current;
    const unseen = { evidence: content.evidence.map((item) => ({ ...item, attachments: item.attachments.filter((ref) => !known.has(`${ref.sha256}:${ref.name}`)) })) };
    void scanPortfolioAttachments(unseen, async (sha256, maxBytes) => {
      const stored = await getAttachment(db, content.portfolio.id, sha256);
      if (stored === undefined) throw new Error('not stored');
      return new Uint8Array(await stored.blob.slice(0, maxBytes).arrayBuffer());
    }).then((found) => {
      for (const item of unseen.evidence) {
        for (const ref of item.attachments) {
          const scan = found.get(ref.sha256);
          if (scan !== undefined) known.set(`${ref.sha256}:${ref.name}`, scan);
        }
      }
      // A newer set of files has started its own scan, which will report.
      if (startedKey.current !== key) return;
      const bySha = new Map<string, AttachmentScan>();
      for (const item of content.evidence) {
        for (const ref of item.attachments) {
          const scan = known.get(`${ref.sha256}:${ref.name}`);
          if (scan !== undefined) bySha.set(ref.sha256, scan);
        }
      }
      setScans(bySha);
    });
  }, [key, content]);

  return scans;
}
