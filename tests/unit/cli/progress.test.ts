import { describe, expect, it } from 'vitest';
import { ProgressView } from '../../../electron/cli/progress';
import type { RunEvent } from '../../../electron/shared/run-events';

const HOSTILE = '\x1b]0;owned-title\x07\x1b]52;c;ZXZpbA==\x07\x1b[2J\u009b2J\r';

/** The view's own sequences: colours, cursor up and clear below (the live matrix's redraw). */
// eslint-disable-next-line no-control-regex -- these are the sequences the view writes itself
const OWN_SEQUENCES = /\x1b\[(?:[0-9;]*m|\d+A|J)/g;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

function run(): RunEvent[] {
  const at = 1_700_000_000_000;
  const where = { host: 'node01', step: 'docker-install' };
  return [
    {
      type: 'run-started',
      at,
      runId: 'run-1',
      version: '0.1.0',
      hosts: [{ id: 'node01', address: '10.0.0.11', port: 22, user: 'root', role: 'manager' }],
      steps: [
        { id: 'docker-install', title: { en: 'Install', 'zh-CN': '安装' }, hosts: ['node01'] },
      ],
      resumed: false,
    },
    { type: 'step-started', at, ...where },
    {
      type: 'command-output',
      at,
      ...where,
      commandId: 1,
      stream: 'stderr',
      text: `E: mirror ${HOSTILE}down\n`,
    },
    {
      type: 'step-finished',
      at,
      ...where,
      status: 'failed',
      message: `apt-get said ${HOSTILE}no`,
      durationMs: 5,
      changes: [],
      warnings: [`careful ${HOSTILE}now`],
    },
    {
      type: 'run-finished',
      at,
      runId: 'run-1',
      status: 'failed',
      summary: { ok: 0, changed: 0, failed: 1, skipped: 0 },
      durationMs: 5,
      failures: [{ ...where, message: `apt-get said ${HOSTILE}no` }],
    },
  ];
}

function render(live: boolean): string {
  let written = '';
  const out = {
    columns: 120,
    write: (chunk: string) => {
      written += chunk;
      return true;
    },
  } as unknown as NodeJS.WriteStream;
  const view = new ProgressView(out, live);
  for (const event of run()) view.handle(event);
  view.stop();
  return written;
}

describe('ProgressView', () => {
  it.each([
    ['line by line', false],
    ['as a live matrix', true],
  ])('prints a failing host’s words %s, with no control character but its own', (_, live) => {
    const text = render(live);
    expect(text).toContain('apt-get said');
    expect(text).toContain('mirror ␛]0;owned-title␇');
    expect(text).toContain('careful');
    expect(text.replace(OWN_SEQUENCES, '')).not.toMatch(RAW_CONTROL);
  });
});
