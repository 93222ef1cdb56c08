/**
 * The packaging config (electron-builder.json): installers cannot be built on these machines,
 * so this reads the config the build machines use and checks the fuses flipped in every
 * packaged app, and that the app is packed into an ASAR archive those fuses can protect.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');
const config = JSON.parse(readFileSync(join(root, 'electron-builder.json'), 'utf8')) as Record<string, unknown>;
const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string; scripts: Record<string, string>; devDependencies: Record<string, string> };

describe('packaging config', () => {
  const fuses = config.electronFuses as Record<string, unknown>;

  it.each([
    ['runAsNode', false, 'ELECTRON_RUN_AS_NODE cannot turn the app into a plain Node'],
    ['enableNodeOptionsEnvironmentVariable', false, 'NODE_OPTIONS is ignored'],
    ['enableNodeCliInspectArguments', false, '--inspect and friends are ignored'],
    ['enableCookieEncryption', true, 'the cookie store is encrypted on disk'],
    ['enableEmbeddedAsarIntegrityValidation', true, 'a changed app.asar is refused'],
    ['onlyLoadAppFromAsar', true, 'the app is only ever loaded from app.asar'],
    ['grantFileProtocolExtraPrivileges', false, 'file:// gets no extra privileges (the app uses app://)'],
  ])('sets the %s fuse to %s: %s', (fuse, value) => {
    expect(fuses[fuse]).toBe(value);
  });

  it('packs the app into an ASAR archive (the integrity and load-from-ASAR fuses need one) from the built output', () => {
    expect(config.asar).toBe(true);
    expect(config.files).toEqual(expect.arrayContaining(['out/**/*', 'package.json']));
    expect(packageJson.main.startsWith('out/')).toBe(true);
  });

  it('never publishes or updates itself over the network, and builds with a pinned electron-builder', () => {
    expect(config.publish).toBeNull();
    expect(packageJson.scripts.dist).toMatch(/electron-builder@\d+\.\d+\.\d+ --config electron-builder\.json --publish never/);
    expect(packageJson.devDependencies.electron).toMatch(/^45\.\d+\.\d+$/);
  });
});
