/**
 * SimulateCustomPolicy's result shape (decisions, SourcePolicyId, statement positions, missing context values,
 * typed context entries) and the `cognate policy simulate` / `validate` commands run in-process.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { simulateCustomPolicy, SimulationInputError } from '../../src/iam/simulate.js';
import { MalformedPolicyDocumentError } from '../../src/iam/policy-parse.js';
import { registerPolicyCommand } from '../../src/cli/policy.js';

// The policy of the AWS CLI documentation's simulate-custom-policy example (positions: 1-based column of the
// statement's opening and closing brace).
const DOC_EXAMPLE =
  '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"dynamodb:*","Resource":"*","Condition":{"DateGreaterThan":{"aws:CurrentTime":"2018-08-16T12:00:00Z"}}}}';

describe('simulateCustomPolicy', () => {
  it('allows with a date context entry and points at the statement', () => {
    const out = simulateCustomPolicy({
      policyInputList: [DOC_EXAMPLE],
      actionNames: ['dynamodb:CreateBackup'],
      contextEntries: [{ ContextKeyName: 'aws:CurrentTime', ContextKeyValues: ['2019-04-25T11:00:00Z'], ContextKeyType: 'date' }],
    });
    assert.equal(out.IsTruncated, false);
    const [r] = out.EvaluationResults;
    assert.equal(r.EvalActionName, 'dynamodb:CreateBackup');
    assert.equal(r.EvalResourceName, '*');
    assert.equal(r.EvalDecision, 'allowed');
    assert.equal(r.MatchedStatements.length, 1);
    assert.equal(r.MatchedStatements[0].SourcePolicyId, 'PolicyInputList.1');
    assert.deepEqual(r.MatchedStatements[0].StartPosition, { Line: 1, Column: 37 });
    assert.deepEqual(r.MatchedStatements[0].EndPosition, { Line: 1, Column: 166 });
    assert.deepEqual(r.MissingContextValues, []);
  });

  it('is implicitly denied before the date and reports the missing key when absent', () => {
    const before = simulateCustomPolicy({
      policyInputList: [DOC_EXAMPLE],
      actionNames: ['dynamodb:CreateBackup'],
      contextEntries: [{ ContextKeyName: 'aws:CurrentTime', ContextKeyValues: ['2014-04-25T11:00:00Z'], ContextKeyType: 'date' }],
    });
    assert.equal(before.EvaluationResults[0].EvalDecision, 'implicitDeny');
    assert.deepEqual(before.EvaluationResults[0].MatchedStatements, []);
    const missing = simulateCustomPolicy({ policyInputList: [DOC_EXAMPLE], actionNames: ['dynamodb:CreateBackup'] });
    assert.deepEqual(missing.EvaluationResults[0].MissingContextValues, ['aws:CurrentTime']);
  });

  it('evaluates every action against every resource, with multi-line positions and explicit denies', () => {
    const policy = JSON.stringify(
      { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'cognito-idp:*', Resource: '*' }, { Effect: 'Deny', Action: 'cognito-idp:Delete*', Resource: '*' }] },
      null,
      2,
    );
    const out = simulateCustomPolicy({
      policyInputList: [policy],
      actionNames: ['cognito-idp:AdminGetUser', 'cognito-idp:DeleteUserPool'],
      resourceArns: ['arn:aws:cognito-idp:us-east-1:123456789012:userpool/a', 'arn:aws:cognito-idp:us-east-1:123456789012:userpool/b'],
    });
    assert.deepEqual(out.EvaluationResults.map((r) => r.EvalDecision), ['allowed', 'allowed', 'explicitDeny', 'explicitDeny']);
    const deny = out.EvaluationResults[2].MatchedStatements[0];
    assert.deepEqual(deny.StartPosition, { Line: 9, Column: 5 });
    assert.deepEqual(deny.EndPosition, { Line: 13, Column: 5 });
  });

  it('honours list context types as sets and a resource policy with a caller', () => {
    const out = simulateCustomPolicy({
      policyInputList: [JSON.stringify({ Version: '2012-10-17', Statement: { Effect: 'Deny', Action: '*', Resource: '*', Condition: { 'ForAnyValue:StringEquals': { 'aws:TagKeys': 'secret' } } } })],
      actionNames: ['s3:GetObject'],
      resourceArns: ['arn:aws:s3:::b/k'],
      resourcePolicy: JSON.stringify({ Version: '2012-10-17', Statement: { Effect: 'Allow', Principal: { AWS: '123456789012' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' } }),
      callerArn: 'arn:aws:iam::123456789012:user/alice',
      contextEntries: [{ ContextKeyName: 'aws:TagKeys', ContextKeyValues: ['a', 'b'], ContextKeyType: 'stringList' }],
    });
    assert.equal(out.EvaluationResults[0].EvalDecision, 'allowed');
    assert.equal(out.EvaluationResults[0].MatchedStatements[0].SourcePolicyId, 'ResourcePolicy');
  });

  it('names the policy input that is malformed and refuses bad context entries', () => {
    assert.throws(
      () => simulateCustomPolicy({ policyInputList: [DOC_EXAMPLE, '{"Statement":{"Effect":"Maybe","Action":"*","Resource":"*"}}'], actionNames: ['s3:GetObject'] }),
      (e: unknown) => e instanceof MalformedPolicyDocumentError && e.message === 'PolicyInputList.2: Statement[0]: Effect must be Allow or Deny',
    );
    assert.throws(
      () => simulateCustomPolicy({ policyInputList: [DOC_EXAMPLE], actionNames: ['s3:GetObject'], contextEntries: [{ ContextKeyName: 'aws:SourceIp', ContextKeyValues: ['nope'], ContextKeyType: 'ip' }] }),
      SimulationInputError,
    );
    assert.throws(
      () => simulateCustomPolicy({ policyInputList: [DOC_EXAMPLE], actionNames: ['s3:GetObject'], contextEntries: [{ ContextKeyName: 'k', ContextKeyValues: ['a', 'b'], ContextKeyType: 'string' }] }),
      /exactly one value/,
    );
  });
});

async function runCli(args: string[]): Promise<string> {
  const program = new Command().exitOverride();
  registerPolicyCommand(program);
  let out = '';
  const write = process.stdout.write;
  process.stdout.write = ((chunk: string) => ((out += chunk), true)) as typeof process.stdout.write;
  try {
    await program.parseAsync(['node', 'cognate', ...args]);
  } finally {
    process.stdout.write = write;
  }
  return out;
}

describe('cognate policy', () => {
  it('simulate prints a table and JSON; validate reports a valid document', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cognate-policy-'));
    try {
      const file = path.join(dir, 'p.json');
      writeFileSync(file, JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/${aws:username}/*' }] }));
      const table = await runCli(['policy', 'simulate', '--policy', file, '--action', 's3:GetObject', 's3:PutObject', '--resource', 'arn:aws:s3:::b/alice/x', '--context', 'aws:username=alice']);
      assert.match(table, /^ACTION\s+RESOURCE\s+DECISION\s+MATCHED STATEMENTS\n/);
      assert.match(table, /s3:GetObject\s+arn:aws:s3:::b\/alice\/x\s+allowed\s+PolicyInputList\.1@1:38/);
      assert.match(table, /s3:PutObject\s+arn:aws:s3:::b\/alice\/x\s+implicitDeny\s+-/);
      const json = JSON.parse(await runCli(['policy', 'simulate', '--policy', file, '--action', 's3:GetObject', '--resource', 'arn:aws:s3:::b/bob/x', '--context', 'aws:username=alice', '--json']));
      assert.equal(json.EvaluationResults[0].EvalDecision, 'implicitDeny');
      assert.match(await runCli(['policy', 'validate', file, '--kind', 'identity']), /valid \(1 statement, Version 2012-10-17\)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
