import type { Bridge } from '../../electron/contract';

declare global {
  interface Window {
    /** Present in the desktop app (from the preload); absent in a plain browser tab. */
    portfolioBridge?: Bridge;
  }
}
export {};
