import { z } from 'zod';
import { operation } from '../operation.js';
import { MalformedPolicyDocumentError, SimulationInputError, simulateCustomPolicy } from '../../iam/index.js';
import { iamErrors } from '../../iam-admin/errors.js';
import { qList } from '../../protocols/query-input.js';
import { marker, maxItems } from '../../iam-admin/wire.js';

const contextKeyType = z.enum(['string', 'stringList', 'numeric', 'numericList', 'boolean', 'booleanList', 'ip', 'ipList', 'binary', 'binaryList', 'date', 'dateList']);

export default operation({
  service: 'iam',
  name: 'SimulateCustomPolicy',
  auth: 'iam',
  compat: { status: 'partial', missing: 'ResourceHandlingOption scenarios and OrganizationsDecisionDetail are not modelled; results come in one page' },
  input: z.object({
    PolicyInputList: qList(z.string().min(1).max(131072)),
    PermissionsBoundaryPolicyInputList: qList(z.string().min(1).max(131072)).optional(),
    ActionNames: qList(z.string().min(3).max(128)),
    ResourceArns: qList(z.string().min(1).max(2048)).optional(),
    ResourcePolicy: z.string().min(1).max(131072).optional(),
    ResourceOwner: z.string().optional(),
    CallerArn: z.string().min(1).max(2048).optional(),
    ContextEntries: qList(
      z.object({ ContextKeyName: z.string().min(5).max(256), ContextKeyValues: qList(z.string()).default([]), ContextKeyType: contextKeyType }),
    ).optional(),
    ResourceHandlingOption: z.string().optional(),
    MaxItems: maxItems,
    Marker: marker,
  }),
  async run(input) {
    try {
      return simulateCustomPolicy({
        policyInputList: input.PolicyInputList,
        permissionsBoundaryPolicyInputList: input.PermissionsBoundaryPolicyInputList,
        actionNames: input.ActionNames,
        resourceArns: input.ResourceArns,
        resourcePolicy: input.ResourcePolicy,
        callerArn: input.CallerArn,
        contextEntries: input.ContextEntries,
      });
    } catch (e) {
      if (e instanceof MalformedPolicyDocumentError) throw iamErrors.malformedPolicyDocument(e.message);
      if (e instanceof SimulationInputError) throw iamErrors.invalidInput(e.message);
      throw e;
    }
  },
});
