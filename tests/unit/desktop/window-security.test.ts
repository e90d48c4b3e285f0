import { describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  hardenedWebPreferences,
  withContentSecurityPolicy,
} from '../../../electron/main/window-security';

describe('window hardening', () => {
  it('isolates the renderer: sandbox, context isolation, no Node, web security on', () => {
    expect(hardenedWebPreferences('/app/out/preload/index.cjs')).toEqual({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
    });
  });

  it('has a CSP without remote sources, eval or inline scripts', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|https?:|\*/);
    expect(CONTENT_SECURITY_POLICY.split('; ').find((part) => part.startsWith('script-src'))).toBe(
      "script-src 'self'",
    );
  });

  it('replaces any CSP header a response carries with ours', () => {
    const headers = withContentSecurityPolicy({
      'content-security-policy': ['default-src *'],
      'X-Other': ['1'],
    });
    expect(headers).toEqual({
      'X-Other': ['1'],
      'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
    });
  });

  it('matches the CSP meta tag of renderer/index.html (except what only a header can say)', async () => {
    const { readFile } = await import('node:fs/promises');
    const html = await readFile('renderer/index.html', 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBe(CONTENT_SECURITY_POLICY.replace("; frame-ancestors 'none'", ''));
  });
});
