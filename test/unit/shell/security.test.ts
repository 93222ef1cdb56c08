import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APP_ORIGIN,
  CONTENT_SECURITY_POLICY,
  isAllowedNavigation,
  isTrustedSender,
  resolveAppPath,
  responseHeaders,
  safeFileName,
  trustedOrigins,
} from '../../../electron/main/security';

function makeRendererBuild(): { root: string; outside: string } {
  const base = mkdtempSync(join(tmpdir(), 'app-proto-'));
  const root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html>');
  writeFileSync(join(root, 'assets', 'app.js'), 'export {}');
  writeFileSync(join(root, 'assets', 'two words.css'), '');
  const outside = join(base, 'secret.txt');
  writeFileSync(outside, 'secret');
  symlinkSync(outside, join(root, 'assets', 'link.txt'));
  return { root, outside };
}

describe('resolveAppPath: serves only files inside the renderer build', () => {
  const { root } = makeRendererBuild();

  it('serves the entry page and assets', () => {
    expect(resolveAppPath(root, 'app://renderer/')).toBe(join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://renderer/index.html')).toBe(join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://renderer/assets/app.js')).toBe(join(root, 'assets', 'app.js'));
    expect(resolveAppPath(root, 'app://renderer/assets/two%20words.css')).toBe(join(root, 'assets', 'two words.css'));
    expect(resolveAppPath(root, 'app://renderer/index.html?x=1#top')).toBe(join(root, 'index.html'));
  });

  it.each([
    ['plain traversal', 'app://renderer/../secret.txt'],
    ['traversal in the middle', 'app://renderer/assets/../../secret.txt'],
    ['encoded dots', 'app://renderer/%2e%2e/secret.txt'],
    ['encoded slash', 'app://renderer/..%2fsecret.txt'],
    ['encoded backslash', 'app://renderer/..%5csecret.txt'],
    ['double-encoded traversal', 'app://renderer/%252e%252e%252fsecret.txt'],
    ['backslash path', 'app://renderer/assets\\..\\..\\secret.txt'],
    ['absolute path in a segment', 'app://renderer/%2Fetc%2Fpasswd'],
    ['Windows drive in a segment', 'app://renderer/C:%5CWindows%5Cwin.ini'],
    ['NUL byte', 'app://renderer/index.html%00.js'],
    ['malformed escape', 'app://renderer/%E0%A4%A'],
    ['empty segment', 'app://renderer/assets//app.js'],
    ['a folder', 'app://renderer/assets/'],
    ['a missing file', 'app://renderer/nope.js'],
    ['a link leading outside', 'app://renderer/assets/link.txt'],
    ['another host', 'app://evil/index.html'],
    ['another scheme', 'file:///etc/passwd'],
    ['http', 'http://renderer/index.html'],
    ['credentials', 'app://user:pass@renderer/index.html'],
    ['a port', 'app://renderer:8080/index.html'],
    ['not a URL', 'not a url'],
    ['empty', ''],
  ])('refuses %s', (_name, url) => {
    expect(resolveAppPath(root, url)).toBeNull();
  });
});

describe('navigation and senders', () => {
  const origins = [APP_ORIGIN];

  it('allows only the app origin', () => {
    expect(isAllowedNavigation('app://renderer/index.html#/qualification', origins)).toBe(true);
    for (const url of ['https://example.com/', 'http://localhost:5173/', 'file:///etc/passwd', 'app://evil/index.html', 'javascript:alert(1)', 'data:text/html,hi', 'about:blank', 'not a url', 'app://renderer.evil/x', 'app://renderer:1/x']) {
      expect(isAllowedNavigation(url, origins), url).toBe(false);
    }
  });

  it('trusts only the top frame showing the app origin', () => {
    expect(isTrustedSender({ url: 'app://renderer/index.html', parent: null }, origins)).toBe(true);
    expect(isTrustedSender({ url: 'app://renderer/index.html', parent: { url: 'app://renderer/' } }, origins)).toBe(false);
    expect(isTrustedSender({ url: 'https://evil.example/', parent: null }, origins)).toBe(false);
    expect(isTrustedSender({ url: 'app://evil/index.html', parent: null }, origins)).toBe(false);
    expect(isTrustedSender(null, origins)).toBe(false);
    expect(isTrustedSender(undefined, origins)).toBe(false);
    expect(isTrustedSender({ url: 42 } as unknown as { url: string }, origins)).toBe(false);
  });

  it('trusts a local dev server only in development', () => {
    expect(trustedOrigins('http://localhost:5173', false)).toEqual([APP_ORIGIN, 'http://localhost:5173']);
    expect(trustedOrigins('http://localhost:5173', true)).toEqual([APP_ORIGIN]);
    expect(trustedOrigins('https://evil.example', false)).toEqual([APP_ORIGIN]);
    expect(trustedOrigins('http://192.168.1.5:5173', false)).toEqual([APP_ORIGIN]);
    expect(trustedOrigins('::::', false)).toEqual([APP_ORIGIN]);
  });
});

describe('content security policy', () => {
  it('forbids eval, inline scripts and remote origins', () => {
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:/);
  });

  it('is sent with every file, with the right type and no sniffing', () => {
    const headers = responseHeaders('/x/index.html');
    expect(headers['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(headers['Content-Type']).toBe('text/html; charset=utf-8');
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
    expect(responseHeaders('/x/a.unknown')['Content-Type']).toBe('application/octet-stream');
  });
});

  it('lets only content-hashed build assets be cached for good; the page itself is checked every time', () => {
    const forever = 'public, max-age=31536000, immutable';
    expect(responseHeaders('/app/out/renderer/assets/index-CVFbN4cW.js')['Cache-Control']).toBe(forever);
    expect(responseHeaders('C:\\app\\out\\renderer\\assets\\EvidencePage-tmY7A_x-.js')['Cache-Control']).toBe(forever);
    expect(responseHeaders('/app/out/renderer/assets/index-BeCxpvJ5.css')['Cache-Control']).toBe(forever);
    for (const path of ['/app/out/renderer/index.html', '/app/out/renderer/assets/index.js', '/app/out/renderer/assets/notes-abc.js', '/app/out/renderer/other/index-CVFbN4cW.js', '/app/out/renderer/assets/image-CVFbN4cW.png']) {
      expect(responseHeaders(path)['Cache-Control'], path).toBe('no-cache');
    }
  });

describe('safeFileName', () => {
  it.each([
    ['Jo Bloggs', '.portfolio', 'Jo Bloggs.portfolio'],
    ['../../etc/passwd', '.portfolio', 'etc passwd.portfolio'],
    ['C:\\Windows\\evil', '.pdf', 'C Windows evil.pdf'],
    ['name\u0000with\nnul', '.pdf', 'name with nul.pdf'],
    ['', '.pdf', 'portfolio.pdf'],
    ['...', '.pdf', 'portfolio.pdf'],
    ['report.PDF', '.pdf', 'report.PDF'],
    ['Siân Ŵyn — Unit 5', '.pdf', 'Siân Ŵyn — Unit 5.pdf'],
  ])('%j → %j', (input, extension, expected) => {
    expect(safeFileName(input, extension)).toBe(expected);
  });

  it('caps the length', () => {
    expect(safeFileName('a'.repeat(500), '.pdf').length).toBe(124);
  });
});
