import type { Bridge } from '../../../electron/contract';

/** The main-process bridge, or undefined when the window runs in a plain browser tab. */
export function getBridge(): Bridge | undefined {
  return window.portfolioBridge;
}

/** What to tell the user when a feature needs the desktop app. */
export const NEEDS_DESKTOP_APP = 'This needs the desktop app: it is not available when the app is opened in a web browser.';
