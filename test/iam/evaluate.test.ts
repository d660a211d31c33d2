/**
 * The table-driven evaluation suite: every row of the case tables is one request against one policy set with
 * the decision AWS documents for it (and, where given, the statements that decided). Pure and fast: no server.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { evaluate } from '../../src/iam/evaluate.js';
import type { Case } from './case-helpers.js';
import { actionCases, decisionCases, layerCases, resourceCases, trustCases } from './cases-core.js';
import { arnNullCases, boolBinaryCases, dateCases, ipCases, numericCases, stringCases } from './cases-operators.js';
import { principalCases } from './cases-principals.js';
import { ifExistsCases, s3PartitionCases, setCases, structureCases, variableCases } from './cases-sets-variables.js';

const tables: Record<string, Case[]> = {
  actions: actionCases,
  resources: resourceCases,
  decisions: decisionCases,
  'session policies and boundaries': layerCases,
  'trust policies': trustCases,
  'resource policies and principals': principalCases,
  'String operators': stringCases,
  'Numeric operators': numericCases,
  'Date operators': dateCases,
  'Bool and Binary operators': boolBinaryCases,
  'IP address operators': ipCases,
  'ARN and Null operators': arnNullCases,
  IfExists: ifExistsCases,
  'ForAnyValue / ForAllValues': setCases,
  'condition structure': structureCases,
  'policy variables': variableCases,
  'per-identity S3 partition': s3PartitionCases,
};

describe('IAM policy evaluation (table)', () => {
  it('has at least 150 cases with unique names', () => {
    const names = Object.values(tables).flat().map((c) => c.name);
    assert.ok(names.length >= 150, `only ${names.length} cases`);
    const dupes = names.filter((n, i) => names.indexOf(n) !== i);
    assert.deepEqual(dupes, []);
  });

  for (const [table, cases] of Object.entries(tables)) {
    describe(table, () => {
      for (const c of cases) {
        it(c.name, () => {
          const result = evaluate(c.request, c.policies);
          assert.equal(result.decision, c.expected);
          if (result.decision === 'ImplicitDeny') assert.deepEqual(result.matchedStatements, []);
          if (c.matched) {
            assert.equal(result.matchedStatements.length, c.matched.length, JSON.stringify(result.matchedStatements));
            c.matched.forEach((m, i) => {
              for (const [k, v] of Object.entries(m)) assert.equal((result.matchedStatements[i] as unknown as Record<string, unknown>)[k], v, `${k} of match ${i}`);
            });
          }
        });
      }
    });
  }
});
