/**
 * URL fields (prepare.mirrorUrl, docker.mirror, docker.daemon.registry-mirrors) are parsed as
 * http(s) base URLs: what RFC 3986 does not allow, credentials, queries and fragments are
 * refused naming the field and the fix; ordinary URLs are accepted and stored normalised.
 */
import { describe, expect, it } from 'vitest';
import { formatIssues, validateInventory } from '../../../electron/engine/inventory';
import { MAX_URL_LENGTH } from '../../../electron/engine/inventory/limits';
import { parseHttpBaseUrl } from '../../../electron/engine/inventory/net';
import { minimal } from './helpers';

interface UrlField {
  /** The issue path. */
  where: string;
  /** The field's words in messages. */
  noun: string;
  inventory: (url: string) => Record<string, unknown>;
  read: (inventory: Record<string, unknown>) => unknown;
}

const FIELDS: UrlField[] = [
  {
    where: 'prepare.mirrorUrl',
    noun: 'mirror URL',
    inventory: (url) => minimal({ prepare: { mirror: 'custom', mirrorUrl: url } }),
    read: (inventory) => (inventory.prepare as { mirrorUrl?: string }).mirrorUrl,
  },
  {
    where: 'docker.mirror',
    noun: 'Docker mirror URL',
    inventory: (url) => minimal({ docker: { install: 'mirror', mirror: url } }),
    read: (inventory) => (inventory.docker as { mirror?: string }).mirror,
  },
  {
    where: 'docker.daemon.registry-mirrors[0]',
    noun: 'registry mirror URL',
    inventory: (url) => minimal({ docker: { daemon: { 'registry-mirrors': [url] } } }),
    read: (inventory) =>
      (inventory.docker as { daemon?: { 'registry-mirrors'?: string[] } }).daemon?.[
        'registry-mirrors'
      ]?.[0],
  },
];

/** Hostile or malformed URLs, and what the fix must say for each. */
const REFUSED: { url: string; fix: RegExp }[] = [
  { url: 'https://m.example.com/a|e touch /tmp/canary|', fix: /%7C/ },
  { url: 'https://m.example.com/a b', fix: /%20/ },
  { url: 'https://m.example.com/"x"', fix: /%22/ },
  { url: 'https://m.example.com/<x>', fix: /%3C/ },
  { url: 'https://m.example.com/a\\b', fix: /%5C/ },
  { url: 'https://m.example.com/a^b', fix: /%5E/ },
  { url: 'https://m.example.com/`id`', fix: /%60/ },
  { url: 'https://m.example.com/{a}', fix: /%7B/ },
  { url: 'https://m.example.com/é', fix: /%C3%A9/ },
  { url: 'https://bücher.example/', fix: /xn--bcher-kva\.example/ },
  { url: 'https://m.example.com/a%zz', fix: /%25/ },
  { url: 'https://m.example.com/?arch=x86_64', fix: /path/ },
  { url: 'https://m.example.com/#top', fix: /path/ },
  { url: 'https://m.example.com/a/../b', fix: /path/ },
  { url: 'https://m.example.com/a[1]', fix: /%5B/ },
  { url: 'https://m.example.com:99999/', fix: /port/ },
  { url: 'https://:8080/', fix: /host/ },
  { url: 'https://m_example/', fix: /host/ },
  { url: 'ftp://m.example.com/', fix: /http/ },
];

function issueAt(field: UrlField, url: string) {
  const result = validateInventory(field.inventory(url));
  if (result.ok) return undefined;
  return result.errors.find((issue) => issue.path === field.where) ?? result.errors[0];
}

describe('URL fields', () => {
  for (const field of FIELDS) {
    it(`${field.where}: refuses what is not an http(s) base URL, naming the field and the fix`, () => {
      const problems: string[] = [];
      for (const { url, fix } of REFUSED) {
        const issue = issueAt(field, url);
        if (!issue) {
          problems.push(`${url}: accepted`);
          continue;
        }
        if (issue.path !== field.where) problems.push(`${url}: refused at ${issue.path}`);
        const namesField =
          issue.message.includes(field.noun) ||
          (field.where === 'docker.mirror' && issue.message.includes('Docker mirror'));
        if (!namesField)
          problems.push(`${url}: the message does not name the field: ${issue.message}`);
        if (!fix.test(issue.fix)) problems.push(`${url}: the fix says ${issue.fix}`);
      }
      expect(problems).toEqual([]);
    });

    it(`${field.where}: accepts ordinary URLs and stores them normalised`, () => {
      const accepted: [string, string][] = [
        ['https://mirrors.example.com/', 'https://mirrors.example.com'],
        ['HTTPS://Mirrors.Example.COM/Docker-CE//', 'https://mirrors.example.com/Docker-CE'],
        ['https://m.example.com/a&b;c=d,e+f', 'https://m.example.com/a&b;c=d,e+f'],
        ['https://m.example.com/my%20mirror%2fx/', 'https://m.example.com/my%20mirror%2Fx'],
        ['http://10.0.0.5:8080/mirror/', 'http://10.0.0.5:8080/mirror'],
        ['http://[FD00::10]:8443/~ops/repo', 'http://[fd00::10]:8443/~ops/repo'],
        ['https://m.example.com:0443', 'https://m.example.com:443'],
      ];
      const problems: string[] = [];
      for (const [url, normalised] of accepted) {
        const result = validateInventory(field.inventory(url));
        if (!result.ok) problems.push(`${url}: ${formatIssues(result.errors)}`);
        else if (field.read(result.inventory) !== normalised)
          problems.push(`${url}: stored as ${String(field.read(result.inventory))}`);
      }
      expect(problems).toEqual([]);
    });

    it(`${field.where}: never quotes credentials back, and caps the length`, () => {
      for (const url of [
        'https://ops:hunter2@m.example.com/mirror',
        'https://ops:hunter2@bücher.example/ x',
        'ftp://ops:hunter2@m.example.com/',
        'ops:hunter2@m.example.com/mirror',
      ]) {
        const credentials = issueAt(field, url);
        expect(credentials?.path, url).toBe(field.where);
        expect(`${credentials?.message} ${credentials?.fix}`, url).not.toContain('hunter2');
        expect(credentials?.message, url).toMatch(/user name or password/);
      }

      const long = `https://m.example.com/${'a'.repeat(MAX_URL_LENGTH)}`;
      const capped = issueAt(field, long);
      expect(capped?.path).toBe(field.where);
      expect(capped?.message).toContain(String(MAX_URL_LENGTH));
      expect(capped?.message).not.toContain('aaaaaaaaaa');
      const longest = `https://m.example.com/${'a'.repeat(MAX_URL_LENGTH - 'https://m.example.com/'.length)}`;
      expect(validateInventory(field.inventory(longest)).ok).toBe(true);
    });
  }

  it('parses a base URL into its parts', () => {
    expect(parseHttpBaseUrl('http://[fd00::10]:8443/a/')).toEqual({
      ok: true,
      url: 'http://[fd00::10]:8443/a',
      scheme: 'http',
      host: '[fd00::10]',
      port: 8443,
      path: '/a',
    });
  });
});
