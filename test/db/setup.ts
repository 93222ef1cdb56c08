// Real IndexedDB semantics in Node for the database tests.
import 'fake-indexeddb/auto';
import { KeyProtection } from '../../electron/main/services/key-protection';
import { setKeychainSource } from '../../renderer/src/lib/key-vault';
import { FakeSafeStorage, keychainOver } from '../fixtures/fake-safe-storage';

// As in the desktop app: signing keys are locked by main's keychain service, here over a
// stand-in safeStorage that really encrypts. Tests of the passphrase path replace it.
setKeychainSource(() => keychainOver(new KeyProtection(new FakeSafeStorage(), 'linux')));
