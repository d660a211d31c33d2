/**
 * Policy document parsing: accepted shapes normalise to lists, and every malformed document is refused with a
 * MalformedPolicyDocumentError whose message names the statement and the problem (the IAM/STS layer forwards
 * it as MalformedPolicyDocument).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MalformedPolicyDocumentError, parsePolicy, type ParseOptions } from '../../src/iam/policy-parse.js';

const ok = { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' };
const docOf = (...Statement: unknown[]) => ({ Version: '2012-10-17', Statement });

const malformed: { name: string; doc: unknown; message: RegExp; options?: ParseOptions }[] = [
  { name: 'not JSON', doc: '{"Version": "2012-10-17", ', message: /^Syntax errors in policy/ },
  { name: 'a JSON array', doc: '[]', message: /must be a JSON object/ },
  { name: 'unknown Version', doc: { Version: '2012-10-18', Statement: ok }, message: /Version must be "2012-10-17" or "2008-10-17"/ },
  { name: 'unknown top-level field', doc: { Version: '2012-10-17', Statement: ok, Extra: 1 }, message: /Unknown field 'Extra'/ },
  { name: 'missing Statement', doc: { Version: '2012-10-17' }, message: /missing Statement/ },
  { name: 'empty Statement list', doc: docOf(), message: /Statement must not be empty/ },
  { name: 'Id not a string', doc: { Version: '2012-10-17', Id: 5, Statement: ok }, message: /Id must be a string/ },
  { name: 'statement not an object', doc: docOf('Allow'), message: /^Statement\[0\] must be an object/ },
  { name: 'bad Effect in the second statement', doc: docOf(ok, { ...ok, Effect: 'allow' }), message: /^Statement\[1\]: Effect must be Allow or Deny$/ },
  { name: 'missing Effect', doc: docOf({ Action: '*', Resource: '*' }), message: /^Statement\[0\]: missing Effect/ },
  { name: 'both Action and NotAction', doc: docOf({ ...ok, NotAction: 'iam:*' }), message: /^Statement\[0\]: has both Action and NotAction$/ },
  { name: 'neither Action nor NotAction', doc: docOf({ Effect: 'Allow', Resource: '*' }), message: /^Statement\[0\]: missing Action or NotAction/ },
  { name: 'both Resource and NotResource', doc: docOf({ ...ok, NotResource: '*' }), message: /^Statement\[0\]: has both Resource and NotResource$/ },
  { name: 'both Principal and NotPrincipal', doc: docOf({ ...ok, Principal: '*', NotPrincipal: { AWS: '1' } }), message: /has both Principal and NotPrincipal/ },
  { name: 'action without a service prefix', doc: docOf({ ...ok, Action: 'GetObject' }), message: /Statement\[0\]\.Action: 'GetObject' must be '\*' or 'service:action'/ },
  { name: 'empty action list', doc: docOf({ ...ok, Action: [] }), message: /Statement\[0\]\.Action must not be an empty list/ },
  { name: 'non-string action', doc: docOf({ ...ok, Action: [5] }), message: /Action must be a non-empty string/ },
  { name: 'resource that is not an ARN', doc: docOf({ ...ok, Resource: 'bucket/key' }), message: /Resource: 'bucket\/key' must be '\*' or an ARN/ },
  { name: 'unknown statement field', doc: docOf({ ...ok, Conditions: {} }), message: /^Statement\[0\]: unknown field 'Conditions'$/ },
  { name: 'Sid not a string', doc: docOf({ ...ok, Sid: 1 }), message: /Sid must be a string/ },
  { name: 'duplicate Sid', doc: docOf({ ...ok, Sid: 'A' }, { ...ok, Sid: 'A' }), message: /^Statement\[1\]: duplicate Sid 'A'/ },
  { name: 'unknown condition operator', doc: docOf({ ...ok, Condition: { StringEqualz: { 'aws:username': 'a' } } }), message: /^Statement\[0\]: Unknown condition operator 'StringEqualz'$/ },
  { name: 'unknown set qualifier', doc: docOf({ ...ok, Condition: { 'ForSomeValues:StringEquals': { k: 'a' } } }), message: /unknown condition set qualifier 'ForSomeValues'/ },
  { name: 'prototype names are not operators', doc: docOf({ ...ok, Condition: { toString: { k: 'a' } } }), message: /Unknown condition operator 'toString'/ },
  { name: 'NullIfExists', doc: docOf({ ...ok, Condition: { NullIfExists: { k: 'true' } } }), message: /Null operator cannot take the IfExists suffix/ },
  { name: 'Null with a non-boolean value', doc: docOf({ ...ok, Condition: { Null: { k: 'yes' } } }), message: /Null takes "true" or "false"/ },
  { name: 'Condition not an object', doc: docOf({ ...ok, Condition: 'x' }), message: /Statement\[0\]\.Condition must be an object/ },
  { name: 'operator block empty', doc: docOf({ ...ok, Condition: { StringEquals: {} } }), message: /StringEquals must be a non-empty object/ },
  { name: 'condition value an object', doc: docOf({ ...ok, Condition: { StringEquals: { k: { a: 1 } } } }), message: /values must be strings, numbers or booleans/ },
  { name: 'condition value an empty list', doc: docOf({ ...ok, Condition: { StringEquals: { k: [] } } }), message: /must not be an empty list/ },
  { name: 'unknown principal type', doc: docOf({ ...ok, Principal: { User: 'x' } }), message: /unknown principal type 'User'/ },
  { name: 'AWS principal that is no account or ARN', doc: docOf({ ...ok, Principal: { AWS: 'alice' } }), message: /Principal\.AWS: 'alice' is not a valid principal/ },
  { name: 'partial wildcard in a principal', doc: docOf({ ...ok, Principal: { AWS: 'arn:aws:iam::123456789012:user/*' } }), message: /wildcards are allowed only as "\*"/ },
  { name: 'principal neither * nor an object', doc: docOf({ ...ok, Principal: 'alice' }), message: /Principal must be "\*" or an object/ },
  { name: 'identity policy with a Principal', doc: docOf({ ...ok, Principal: '*' }), message: /must not specify a Principal/, options: { kind: 'identity' } },
  { name: 'identity policy without Resource', doc: docOf({ Effect: 'Allow', Action: '*' }), message: /missing Resource or NotResource/, options: { kind: 'identity' } },
  { name: 'resource policy without Principal', doc: docOf(ok), message: /missing Principal or NotPrincipal/, options: { kind: 'resource' } },
  { name: 'trust policy with a Resource', doc: docOf({ ...ok, Principal: '*' }), message: /trust policy must not specify Resource/, options: { kind: 'trust' } },
];

describe('parsePolicy: malformed documents', () => {
  for (const c of malformed) {
    it(`refuses ${c.name}`, () => {
      assert.throws(
        () => parsePolicy(c.doc as string | object, c.options),
        (e: unknown) => e instanceof MalformedPolicyDocumentError && c.message.test(e.message),
      );
    });
  }
});

describe('parsePolicy: accepted documents', () => {
  it('normalises a single statement object and single strings to lists', () => {
    const p = parsePolicy(JSON.stringify({ Version: '2012-10-17', Id: 'p1', Statement: { Sid: 'S', ...ok } }));
    assert.equal(p.id, 'p1');
    assert.equal(p.substitutesVariables, true);
    assert.deepEqual(p.statements[0].action, ['s3:GetObject']);
    assert.deepEqual(p.statements[0].resource, ['*']);
    assert.equal(p.statements[0].sid, 'S');
  });

  it('splits condition operators into qualifier, base and IfExists, and values into strings', () => {
    const p = parsePolicy(docOf({ ...ok, Condition: { 'ForAllValues:NumericLessThanIfExists': { 'custom:n': [1, '2'] }, Bool: { 'aws:SecureTransport': true } } }));
    const [a, b] = p.statements[0].conditions;
    assert.equal(a.qualifier, 'ForAllValues');
    assert.equal(a.ifExists, true);
    assert.equal(a.base.family, 'Numeric');
    assert.deepEqual(a.values, ['1', '2']);
    assert.deepEqual(b.values, ['true']);
  });

  it('accepts the documented Cognito trust policy as a trust policy', () => {
    const trust = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Federated: 'cognito-identity.amazonaws.com' }, Action: ['sts:AssumeRoleWithWebIdentity', 'sts:TagSession'],
        Condition: { StringEquals: { 'cognito-identity.amazonaws.com:aud': 'us-east-1:1111' }, 'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' } } }],
    };
    const p = parsePolicy(trust, { kind: 'trust' });
    assert.deepEqual(p.statements[0].principal, { Federated: ['cognito-identity.amazonaws.com'] });
  });

  it('treats a missing Version and 2008-10-17 as not substituting variables', () => {
    assert.equal(parsePolicy({ Statement: ok }).substitutesVariables, false);
    assert.equal(parsePolicy({ Version: '2008-10-17', Statement: ok }).substitutesVariables, false);
  });

  it('returns an already parsed policy as is and never mutates its input', () => {
    const input = docOf(ok);
    const before = JSON.stringify(input);
    const p = parsePolicy(input);
    assert.equal(parsePolicy(p), p);
    assert.equal(JSON.stringify(input), before);
  });
});
