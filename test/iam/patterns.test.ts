/**
 * Wildcard matching, policy-variable expansion, date and CIDR parsing: the primitives every Resource, Action
 * and condition relies on. Threat: a substituted value (a user name, a tag) must never act as a wildcard and widen a
 * policy, and a hostile pattern must not make matching blow up.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { EvalContext } from '../../src/iam/context.js';
import { expand, globMatch, literalPattern, patternText, splitPattern } from '../../src/iam/patterns.js';
import { parseDate } from '../../src/iam/conditions.js';
import { inCidr, parseCidr, parseIp } from '../../src/iam/ip.js';

/** Oracle: the same glob through a RegExp (fine for short strings). */
function oracle(pattern: string, value: string): boolean {
  const src = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[\\s\\S]*').replace(/\?/g, '[\\s\\S]');
  return new RegExp(`^${src}$`, 'u').test(value);
}

describe('globMatch', () => {
  it('agrees with a RegExp oracle on random patterns and values', () => {
    const alpha = fc.constantFrom('a', 'b', ':', '/', '*', '?');
    const text = fc.constantFrom('a', 'b', ':', '/');
    fc.assert(
      fc.property(fc.array(alpha, { maxLength: 8 }), fc.array(text, { maxLength: 10 }), (p, v) => {
        const pattern = p.join('');
        const value = v.join('');
        assert.equal(globMatch(literalPattern(pattern), value), oracle(pattern, value), `${pattern} vs ${value}`);
      }),
      { numRuns: 2000 },
    );
  });

  it('folds case only when asked', () => {
    assert.equal(globMatch(literalPattern('S3:Get*'), 's3:getobject', true), true);
    assert.equal(globMatch(literalPattern('S3:Get*'), 's3:getobject'), false);
  });

  it('handles many stars against a long non-matching value', () => {
    const pattern = literalPattern('*a*a*a*a*a*a*a*a*a*a*b');
    assert.equal(globMatch(pattern, 'a'.repeat(20000)), false);
  });
});

describe('expand', () => {
  const ctx = new EvalContext({ 'aws:username': 'a*?', 'aws:PrincipalTag/team': 'blue', list: ['x', 'y'] });

  it('substitutes variables as literal text', () => {
    const p = expand('home/${aws:username}/*', ctx)!;
    assert.equal(globMatch(p, 'home/a*?/x'), true);
    assert.equal(globMatch(p, 'home/abc/x'), false);
  });

  it('applies defaults, escapes and case-insensitive keys', () => {
    assert.equal(patternText(expand("${aws:PRINCIPALTAG/TEAM}-${missing, 'none'}", ctx)!), 'blue-none');
    assert.equal(patternText(expand("${ missing , 'it''s' }", ctx)!), "it's");
    assert.deepEqual(expand('${*}${?}${$}', ctx), [{ lit: '*?$' }]);
  });

  it('returns null for missing, multivalued or malformed variables', () => {
    assert.equal(expand('${missing}', ctx), null);
    assert.equal(expand('${list}', ctx), null);
    assert.equal(expand('${aws:username', ctx), null);
    assert.equal(expand("${x, unquoted}", ctx), null);
    assert.equal(expand('${}', ctx), null);
  });

  it('leaves ${…} literal when variables are off (old Version)', () => {
    assert.equal(patternText(expand('${aws:username}', null)!), '${aws:username}');
  });
});

describe('splitPattern and parseDate', () => {
  it('splits an ARN pattern into six parts, keeping colons in the last', () => {
    const parts = splitPattern(literalPattern('arn:aws:logs:*:123:log-group:a:b'), ':', 5);
    assert.equal(parts.length, 6);
    assert.equal(patternText(parts[5]), 'log-group:a:b');
  });

  it('reads ISO 8601 forms and epoch seconds as the same instants', () => {
    const t = Date.UTC(2024, 0, 2, 3, 4, 5);
    for (const s of ['2024-01-02T03:04:05Z', '2024-01-02T03:04:05', '20240102T030405Z', '2024-01-02T04:04:05+0100', String(t / 1000)]) {
      assert.equal(parseDate(s), t, s);
    }
    assert.equal(parseDate('Jan 2 2024'), undefined);
  });
});

describe('IP ranges', () => {
  const inRange = (ip: string, cidr: string) => inCidr(parseIp(ip)!, parseCidr(cidr)!);

  it('parses IPv6 shorthand, full and IPv4-embedded forms to the same bytes', () => {
    assert.deepEqual(parseIp('2001:db8::1'), parseIp('2001:0db8:0000:0000:0000:0000:0000:0001'));
    assert.deepEqual([...parseIp('::')!], new Array(16).fill(0));
    assert.deepEqual([...parseIp('::ffff:192.0.2.1')!].slice(10), [0xff, 0xff, 192, 0, 2, 1]);
    assert.equal(parseIp('1.2.3'), undefined);
    assert.equal(parseIp('2001:db8::g'), undefined);
  });

  it('compares prefixes that are not byte-aligned', () => {
    assert.equal(inRange('192.0.3.255', '192.0.2.0/23'), true);
    assert.equal(inRange('192.0.4.0', '192.0.2.0/23'), false);
    assert.equal(inRange('2001:db8::1', '2001:db8::/127'), true);
    assert.equal(inRange('2001:db8::2', '2001:db8::/127'), false);
    assert.equal(inRange('255.255.255.255', '0.0.0.0/0'), true);
    assert.equal(inRange('::1', '0.0.0.0/0'), false);
  });

  it('refuses malformed ranges', () => {
    for (const bad of ['10.0.0.0/33', '10.0.0.0/', '10.0.0.0/8/1', 'x/8', '::/129']) assert.equal(parseCidr(bad), undefined, bad);
  });
});
