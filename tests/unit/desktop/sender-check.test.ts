import { describe, expect, it } from 'vitest';
import { checkSender } from '../../../electron/main/ipc/sender-check';

const renderer = { indexFileUrl: 'file:///opt/swarmlab/resources/app/out/renderer/index.html' };

describe('checkSender: only the app page, in its main frame, may call main', () => {
  it('accepts the packaged page, with or without a hash', () => {
    expect(checkSender({ url: renderer.indexFileUrl, isMainFrame: true }, renderer)).toEqual({
      trusted: true,
    });
    expect(
      checkSender({ url: `${renderer.indexFileUrl}#/run`, isMainFrame: true }, renderer),
    ).toEqual({
      trusted: true,
    });
  });

  it('refuses a sub-frame of the app page', () => {
    expect(checkSender({ url: renderer.indexFileUrl, isMainFrame: false }, renderer)).toMatchObject(
      {
        trusted: false,
        reason: 'sent from a sub-frame',
      },
    );
  });

  it('refuses a missing frame, another file, another origin and garbage', () => {
    expect(checkSender(null, renderer).trusted).toBe(false);
    expect(checkSender({ url: 'file:///tmp/evil.html', isMainFrame: true }, renderer).trusted).toBe(
      false,
    );
    expect(checkSender({ url: 'https://example.com/', isMainFrame: true }, renderer).trusted).toBe(
      false,
    );
    expect(checkSender({ url: 'not a url', isMainFrame: true }, renderer).trusted).toBe(false);
  });

  it('accepts the dev server only when one is configured, by origin', () => {
    const dev = { ...renderer, devServerUrl: 'http://localhost:5173/' };
    expect(
      checkSender({ url: 'http://localhost:5173/index.html', isMainFrame: true }, dev).trusted,
    ).toBe(true);
    expect(checkSender({ url: 'http://localhost:5174/', isMainFrame: true }, dev).trusted).toBe(
      false,
    );
    expect(
      checkSender({ url: 'http://localhost:5173/', isMainFrame: true }, renderer).trusted,
    ).toBe(false);
  });
});
