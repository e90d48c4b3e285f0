import { describe, expect, it } from 'vitest';
import { refusedTestButPreflightIn } from '../../../renderer/src/model/access-disagreement';
import type { ConnectionTestResult } from '../../../electron/contract/connection';
import type { PlanHostSummary } from '../../../electron/shared/plan';

const refused: ConnectionTestResult = { ok: false, code: 'auth', message: 'refused' };
const unreachable: ConnectionTestResult = { ok: false, code: 'unreachable', message: 'timed out' };

const rows = [
  { key: 'a', address: '10.0.0.1', port: 22 },
  { key: 'b', address: ' 10.0.0.2 ', port: 22 },
  { key: 'c', address: '10.0.0.3', port: 2222 },
];
const hosts: PlanHostSummary[] = [
  { id: 'node01', address: '10.0.0.1', port: 22, user: 'root', role: 'manager', labels: {} },
  { id: 'node02', address: '10.0.0.2', port: 22, user: 'root', role: 'worker', labels: {} },
  { id: 'node03', address: '10.0.0.3', port: 2222, user: 'root', role: 'worker', labels: {} },
];

describe('the connection test and preflight disagreeing', () => {
  it('names a host whose test was refused but that preflight logged in to, by number and address', () => {
    const tests = {
      a: { state: 'done', result: refused },
      b: { state: 'done', result: refused },
      c: { state: 'done', result: unreachable },
    };
    const loggedIn = (id: string) => id !== 'node01';
    expect(refusedTestButPreflightIn(rows, tests, hosts, loggedIn)).toEqual([
      { number: 2, address: '10.0.0.2' },
    ]);
  });

  it('says nothing when the test passed, was not run, or is still running', () => {
    const tests = {
      a: {
        state: 'done',
        result: {
          ok: true,
          hostKeys: [],
          privilege: { mode: 'root' },
          durationMs: 5,
        } as ConnectionTestResult,
      },
      b: { state: 'testing' },
    };
    expect(refusedTestButPreflightIn(rows, tests, hosts, () => true)).toEqual([]);
  });
});
