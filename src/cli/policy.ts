/**
 * `cognate policy simulate` / `cognate policy validate`: run IAM policy documents through the same engine that
 * authorizes requests, offline (no server, no database), so operators can test roles before they ship them.
 * Never reads configuration or touches the store; it only reads the policy files it is given.
 */
import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { parsePolicy, type ParseOptions } from '../iam/policy-parse.js';
import { simulateCustomPolicy, type ContextEntry } from '../iam/simulate.js';
import type { RequestPrincipal } from '../iam/principal.js';
import type { PrincipalType } from '../iam/policy-types.js';

function readPolicy(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new Error(`cannot read policy file ${file}: ${(e as Error).message}`);
  }
}

/** `key=value` pairs; a key given several times becomes a list (so ForAnyValue/ForAllValues see a set). */
export function contextEntries(pairs: readonly string[]): ContextEntry[] {
  const byKey = new Map<string, string[]>();
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new Error(`--context expects key=value, got '${pair}'`);
    const key = pair.slice(0, eq);
    byKey.set(key, [...(byKey.get(key) ?? []), pair.slice(eq + 1)]);
  }
  return [...byKey].map(([ContextKeyName, ContextKeyValues]) => ({
    ContextKeyName,
    ContextKeyValues,
    ContextKeyType: ContextKeyValues.length > 1 ? 'stringList' : 'string',
  }));
}

/** An ARN (AWS principal) or `Type:id`, e.g. `Federated:cognito-identity.amazonaws.com`. */
function callerPrincipal(caller: string): RequestPrincipal {
  const m = /^(AWS|Federated|Service|CanonicalUser):(.+)$/.exec(caller);
  return m ? { type: m[1] as PrincipalType, id: m[2] } : { type: 'AWS', id: caller };
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]))).join('  ')).join('\n') + '\n';
}

interface SimulateOptions {
  policy: string[];
  action: string[];
  resource?: string[];
  context?: string[];
  boundary?: string[];
  resourcePolicy?: string;
  caller?: string;
  json?: boolean;
}

export function registerPolicyCommand(program: Command): void {
  const policy = program.command('policy').description('test IAM policy documents offline with the evaluation engine');
  const fail = (e: unknown): never => {
    process.stderr.write(`cognate: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  };

  policy
    .command('simulate')
    .description('evaluate actions on resources against policies, like IAM SimulateCustomPolicy')
    .requiredOption('--policy <file...>', 'identity policy JSON file(s)')
    .requiredOption('--action <action...>', "action(s), e.g. 'cognito-idp:AdminGetUser'")
    .option('--resource <arn...>', "resource ARN(s); default '*'")
    .option('--context <key=value...>', 'request context entries, e.g. aws:SourceIp=203.0.113.7 (repeat a key for a list)')
    .option('--boundary <file...>', 'permissions boundary policy file(s)')
    .option('--resource-policy <file>', 'a resource-based or trust policy')
    .option('--caller <principal>', 'caller for --resource-policy: an ARN or Type:id (Federated:cognito-identity.amazonaws.com)')
    .option('--json', "print IAM's SimulateCustomPolicy JSON")
    .action((o: SimulateOptions) => {
      try {
        const out = simulateCustomPolicy({
          policyInputList: o.policy.map(readPolicy),
          actionNames: o.action,
          resourceArns: o.resource,
          contextEntries: contextEntries(o.context ?? []),
          permissionsBoundaryPolicyInputList: o.boundary?.map(readPolicy),
          resourcePolicy: o.resourcePolicy === undefined ? undefined : readPolicy(o.resourcePolicy),
          callerPrincipal: o.caller === undefined ? undefined : callerPrincipal(o.caller),
        });
        if (o.json) return void process.stdout.write(JSON.stringify(out, null, 2) + '\n');
        const rows = [['ACTION', 'RESOURCE', 'DECISION', 'MATCHED STATEMENTS']];
        for (const r of out.EvaluationResults) {
          const matched = r.MatchedStatements.map((m) => (m.StartPosition ? `${m.SourcePolicyId}@${m.StartPosition.Line}:${m.StartPosition.Column}` : m.SourcePolicyId));
          rows.push([r.EvalActionName, r.EvalResourceName, r.EvalDecision, matched.join(', ') || '-']);
        }
        process.stdout.write(table(rows));
        const missing = [...new Set(out.EvaluationResults.flatMap((r) => r.MissingContextValues))];
        if (missing.length) process.stdout.write(`missing context values: ${missing.join(', ')}\n`);
      } catch (e) {
        fail(e);
      }
    });

  policy
    .command('validate <file>')
    .description('check that a policy document parses (MalformedPolicyDocument otherwise)')
    .option('--kind <kind>', 'identity | resource | trust | any', 'any')
    .action((file: string, o: { kind: string }) => {
      try {
        if (!['identity', 'resource', 'trust', 'any'].includes(o.kind)) throw new Error(`--kind must be identity, resource, trust or any`);
        const p = parsePolicy(readPolicy(file), { kind: o.kind as ParseOptions['kind'] });
        process.stdout.write(`${file}: valid (${p.statements.length} statement${p.statements.length === 1 ? '' : 's'}, Version ${p.version ?? 'absent'})\n`);
      } catch (e) {
        fail(e);
      }
    });
}
