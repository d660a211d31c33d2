/**
 * The one error family of Cognate. Domain code throws these; each protocol adapter renders them in its own
 * wire format (JSON `__type`, XML `<Code>`, OAuth `error`). The `type` is the exact name a client library
 * matches on, so it must never be reworded; the message is for humans and should say how to fix the call.
 */
export class ServiceError extends Error {
  readonly type: string;
  readonly status: number;
  readonly extra?: Record<string, unknown>;
  constructor(type: string, message: string, status = 400, extra?: Record<string, unknown>) {
    super(message);
    this.type = type;
    this.status = status;
    this.extra = extra;
  }
  withStatus(status: number): ServiceError {
    return new ServiceError(this.type, this.message, status, this.extra);
  }
}

const make = (type: string, status = 400) => (message: string, extra?: Record<string, unknown>) =>
  new ServiceError(type, message, status, extra);

export const errors = {
  invalidParameter: make('InvalidParameterException'),
  resourceNotFound: make('ResourceNotFoundException'),
  notAuthorized: make('NotAuthorizedException'),
  userNotFound: make('UserNotFoundException'),
  usernameExists: make('UsernameExistsException'),
  userNotConfirmed: make('UserNotConfirmedException'),
  passwordResetRequired: make('PasswordResetRequiredException'),
  invalidPassword: make('InvalidPasswordException'),
  codeMismatch: make('CodeMismatchException'),
  expiredCode: make('ExpiredCodeException'),
  limitExceeded: make('LimitExceededException'),
  tooManyRequests: make('TooManyRequestsException'),
  tooManyFailedAttempts: make('TooManyFailedAttemptsException'),
  aliasExists: make('AliasExistsException'),
  groupExists: make('GroupExistsException'),
  duplicateProvider: make('DuplicateProviderException'),
  unsupportedIdentityProvider: make('UnsupportedIdentityProviderException'),
  unsupportedOperation: make('UnsupportedOperationException'),
  unsupportedTokenType: make('UnsupportedTokenTypeException'),
  unsupportedUserState: make('UnsupportedUserStateException'),
  unauthorized: make('UnauthorizedException'),
  concurrentModification: make('ConcurrentModificationException'),
  preconditionNotMet: make('PreconditionNotMetException'),
  codeDeliveryFailure: make('CodeDeliveryFailureException'),
  invalidUserPoolConfiguration: make('InvalidUserPoolConfigurationException'),
  scopeDoesNotExist: make('ScopeDoesNotExistException'),
  invalidOAuthFlow: make('InvalidOAuthFlowException'),
  refreshTokenReuse: make('RefreshTokenReuseException'),
  unknownOperation: make('UnknownOperationException'),
  serialization: make('SerializationException'),
  missingAuthenticationToken: make('MissingAuthenticationTokenException', 403),
  unrecognizedClient: make('UnrecognizedClientException'),
  invalidSignature: make('InvalidSignatureException'),
  incompleteSignature: make('IncompleteSignatureException'),
  expiredToken: make('ExpiredTokenException'),
  accessDenied: make('AccessDeniedException'),
  userLambdaValidation: make('UserLambdaValidationException'),
  unexpectedLambda: make('UnexpectedLambdaException'),
  invalidLambdaResponse: make('InvalidLambdaResponseException'),
  internal: make('InternalErrorException', 500),
};
