// Real IndexedDB semantics in Node for the database tests.
import 'fake-indexeddb/auto';
