/**
 * IAM's own error codes (awsQuery `<Code>` values the AWS SDK maps to its exception classes). The type is the
 * wire code, never reworded; messages follow IAM's wording and name the entity or element at fault.
 */
import { ServiceError } from '../errors.js';

const make = (type: string, status: number) => (message: string) => new ServiceError(type, message, status);

export const iamErrors = {
  noSuchEntity: make('NoSuchEntity', 404),
  entityAlreadyExists: make('EntityAlreadyExists', 409),
  malformedPolicyDocument: make('MalformedPolicyDocument', 400),
  invalidInput: make('InvalidInput', 400),
  deleteConflict: make('DeleteConflict', 409),
  limitExceeded: make('LimitExceeded', 409),
  validation: make('ValidationError', 400),
  accessDenied: make('AccessDenied', 403),
};
