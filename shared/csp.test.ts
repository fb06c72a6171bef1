import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_HEADER } from './csp';

function directives(policy: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) map.set(name, sources);
  }
  return map;
}

describe('Content-Security-Policy', () => {
  const policy = directives(CONTENT_SECURITY_POLICY_HEADER);

  it('denies everything by default and names each allowed kind explicitly', () => {
    expect(policy.get('default-src')).toEqual(["'none'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('form-action')).toEqual(["'none'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('connect-src')).toEqual(["'self'"]);
  });

  it('allows no remote source, no inline script and no eval anywhere', () => {
    for (const [name, sources] of policy) {
      for (const source of sources) {
        // Only keywords and the local data:/blob: schemes: no host, no http(s):, no ws(s):, no wildcard.
        expect(source, `${name} ${source}`).toMatch(/^('none'|'self'|data:|blob:)$/);
      }
    }
    expect(CONTENT_SECURITY_POLICY_HEADER).not.toMatch(/unsafe-(inline|eval|hashes)|wasm-unsafe-eval|\*/);
  });

  it('lets data: and blob: URLs only load images, fonts and workers, never scripts', () => {
    for (const name of ['script-src', 'style-src', 'connect-src', 'default-src']) {
      expect(policy.get(name)).not.toContain('data:');
      expect(policy.get(name)).not.toContain('blob:');
    }
  });

  it('is the policy of the page itself plus frame-ancestors in the header', () => {
    expect(CONTENT_SECURITY_POLICY_HEADER.startsWith(CONTENT_SECURITY_POLICY)).toBe(true);
  });
});
