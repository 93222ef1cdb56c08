import { useEffect, useState } from 'react';
import type { AppInfo } from '../../../../electron/contract';
import { NEEDS_DESKTOP_APP, getBridge } from '../../lib/bridge';
import { formatBytes } from '../../lib/read-file';

interface StorageState {
  isPersisted?: boolean;
  usage?: number;
  quota?: number;
}

/** Where the user's data lives, how much space it uses, and whether it is protected from eviction. */
export function StoragePage() {
  const [storage, setStorage] = useState<StorageState>({});
  const [info, setInfo] = useState<AppInfo | undefined>();

  useEffect(() => {
    let isCancelled = false;
    void (async () => {
      const manager = navigator.storage;
      const isPersisted = manager?.persist ? await manager.persist().catch(() => false) : undefined;
      const estimate = manager?.estimate ? await manager.estimate().catch(() => undefined) : undefined;
      const appInfo = await getBridge()?.getAppInfo().catch(() => undefined);
      if (isCancelled) return;
      setStorage({ isPersisted, usage: estimate?.usage, quota: estimate?.quota });
      setInfo(appInfo);
    })();
    return () => {
      isCancelled = true;
    };
  }, []);

  return (
    <section aria-labelledby="storage-heading" className="page">
      <h1 id="storage-heading">Your data</h1>
      <p>Everything you enter stays on this computer. The app never sends anything over the internet.</p>
      <dl className="facts">
        <dt>Space used</dt>
        <dd>{storage.usage === undefined ? 'Not known' : `${formatBytes(storage.usage)}${storage.quota ? ` of ${formatBytes(storage.quota)} available` : ''}`}</dd>
        <dt>Protected from clean-up</dt>
        <dd>{storage.isPersisted === undefined ? 'Not known' : storage.isPersisted ? 'Yes: the browser engine will not clear your data to free space.' : 'Not granted: keep backups of your portfolios.'}</dd>
        <dt>Data folder</dt>
        <dd>{info ? <code>{info.userDataPath}</code> : NEEDS_DESKTOP_APP}</dd>
        <dt>Backups folder</dt>
        <dd>{info ? <code>{info.backupsPath}</code> : NEEDS_DESKTOP_APP}</dd>
      </dl>
    </section>
  );
}
