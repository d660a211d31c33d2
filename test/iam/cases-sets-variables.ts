/**
 * `…IfExists`, the set qualifiers ForAnyValue/ForAllValues (AWS "single-valued vs multivalued context keys"),
 * AND/OR structure of a Condition block, and policy variables (AWS "IAM policy elements: Variables and tags"),
 * ending with the per-identity S3 partition from the identity-pools spec.
 */
import { allow, cond, doc, idCase, POOL_A, req, type Case } from './case-helpers.js';

const tags = (...keys: string[]) => ({ 'aws:TagKeys': keys });

export const ifExistsCases: Case[] = [
  cond('StringEqualsIfExists: absent key holds', { StringEqualsIfExists: { 'ec2:InstanceType': 't3.micro' } }, {}, true),
  cond('StringEqualsIfExists: present and equal holds', { StringEqualsIfExists: { 'ec2:InstanceType': 't3.micro' } }, { 'ec2:InstanceType': 't3.micro' }, true),
  cond('StringEqualsIfExists: present and different fails', { StringEqualsIfExists: { 'ec2:InstanceType': 't3.micro' } }, { 'ec2:InstanceType': 'm5.large' }, false),
  cond('StringNotEqualsIfExists: present and equal fails', { StringNotEqualsIfExists: { 'ec2:InstanceType': 't3.micro' } }, { 'ec2:InstanceType': 't3.micro' }, false),
  cond('StringLikeIfExists: absent key holds', { StringLikeIfExists: { 's3:prefix': 'a/*' } }, {}, true),
  cond('NumericLessThanIfExists: absent key holds', { NumericLessThanIfExists: { 's3:max-keys': '10' } }, {}, true),
  cond('NumericLessThanIfExists: present and too large fails', { NumericLessThanIfExists: { 's3:max-keys': '10' } }, { 's3:max-keys': '11' }, false),
  cond('DateGreaterThanIfExists: absent key holds', { DateGreaterThanIfExists: { 'aws:TokenIssueTime': '2024-01-01T00:00:00Z' } }, {}, true),
  cond('BoolIfExists: present false fails a true test', { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'true' } }, { 'aws:MultiFactorAuthPresent': 'false' }, false),
  cond('IpAddressIfExists: present outside fails', { IpAddressIfExists: { 'aws:SourceIp': '10.0.0.0/8' } }, { 'aws:SourceIp': '192.0.2.1' }, false),
  cond('IpAddressIfExists: absent key holds', { IpAddressIfExists: { 'aws:SourceIp': '10.0.0.0/8' } }, {}, true),
  cond('ArnLikeIfExists: absent key holds', { ArnLikeIfExists: { 'aws:SourceArn': 'arn:aws:sns:*:*:*' } }, {}, true),
  cond('BinaryEqualsIfExists: absent key holds', { BinaryEqualsIfExists: { 'custom:blob': 'AA==' } }, {}, true),
];

export const setCases: Case[] = [
  cond('ForAnyValue:StringLike amr: one value authenticated holds', { 'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' } }, { 'cognito-identity.amazonaws.com:amr': ['authenticated', 'cognito-idp.us-east-1.amazonaws.com/us-east-1_AAAA'] }, true),
  cond('ForAnyValue:StringLike amr: guest amr fails', { 'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' } }, { 'cognito-identity.amazonaws.com:amr': ['unauthenticated'] }, false),
  cond('ForAnyValue: a single-valued context value is a one-element set', { 'ForAnyValue:StringEquals': { 'aws:TagKeys': 'env' } }, { 'aws:TagKeys': 'env' }, true),
  cond('ForAnyValue: absent key fails', { 'ForAnyValue:StringEquals': { 'aws:TagKeys': 'env' } }, {}, false),
  cond('ForAnyValue: empty set fails', { 'ForAnyValue:StringEquals': { 'aws:TagKeys': 'env' } }, tags(), false),
  cond('ForAnyValue: any request value against any policy value', { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['a', 'b'] } }, tags('x', 'b'), true),
  cond('ForAnyValue:StringNotEquals: one value outside the list holds', { 'ForAnyValue:StringNotEquals': { 'aws:TagKeys': 'a' } }, tags('a', 'b'), true),
  cond('ForAnyValue:StringNotEquals: all values listed fails', { 'ForAnyValue:StringNotEquals': { 'aws:TagKeys': ['a', 'b'] } }, tags('a', 'b'), false),
  cond('ForAnyValue:NumericGreaterThan: one large value holds', { 'ForAnyValue:NumericGreaterThan': { 'custom:sizes': '100' } }, { 'custom:sizes': ['5', '500'] }, true),
  cond('ForAnyValue:StringEqualsIfExists: absent key holds', { 'ForAnyValue:StringEqualsIfExists': { 'aws:TagKeys': 'env' } }, {}, true),
  cond('ForAllValues:StringEquals: subset holds', { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['a', 'b'] } }, tags('a'), true),
  cond('ForAllValues:StringEquals: the full set holds', { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['a', 'b'] } }, tags('b', 'a'), true),
  cond('ForAllValues:StringEquals: one value outside fails', { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['a', 'b'] } }, tags('a', 'c'), false),
  cond('ForAllValues: absent key holds', { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['a'] } }, {}, true),
  cond('ForAllValues: empty set holds', { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['a'] } }, tags(), true),
  cond('ForAllValues:StringLike: every value matches a pattern', { 'ForAllValues:StringLike': { 'aws:TagKeys': 'Created*' } }, tags('CreatedBy', 'CreatedAt'), true),
  cond('ForAllValues:StringNotEquals: no value listed holds', { 'ForAllValues:StringNotEquals': { 'aws:TagKeys': ['x', 'y'] } }, tags('a', 'b'), true),
  cond('ForAllValues:StringNotEquals: one value listed fails', { 'ForAllValues:StringNotEquals': { 'aws:TagKeys': ['x', 'y'] } }, tags('a', 'x'), false),
  cond('ForAllValues:IpAddress: every address inside', { 'ForAllValues:IpAddress': { 'custom:ips': '10.0.0.0/8' } }, { 'custom:ips': ['10.1.1.1', '10.2.2.2'] }, true),
  cond('plain StringEquals on a multivalued key: one value matching holds', { StringEquals: { 'aws:TagKeys': 'b' } }, tags('a', 'b'), true),
  cond('plain StringNotEquals on a multivalued key: one value matching fails', { StringNotEquals: { 'aws:TagKeys': 'b' } }, tags('a', 'b'), false),
  {
    name: 'ForAnyValue in a Deny: a forbidden tag key among others denies',
    policies: { identity: [doc(allow('*'), { Effect: 'Deny', Action: '*', Resource: '*', Condition: { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['secret'] } } })] },
    request: req('ec2:CreateTags', '*', tags('x', 'secret')),
    expected: 'ExplicitDeny',
    matched: [{ layer: 'identity', statementIndex: 1, effect: 'Deny' }],
  },
];

// AWS "Multivalued context key examples": Deny iam:Tag* unless every tag key starts with key1.
const denyUnlessKey1 = doc(allow('*'), { Sid: 'DenyRestrictedTags', Effect: 'Deny', Action: ['iam:Tag*', 'iam:UnTag*'], Resource: ['*'], Condition: { 'ForAllValues:StringNotLike': { 'aws:TagKeys': 'key1*' } } });
const tagRole = (context: Record<string, string[]>, expected: Case['expected'], name: string): Case =>
  idCase(`ForAllValues:StringNotLike deny (AWS example): ${name}`, [denyUnlessKey1], req('iam:TagRole', 'arn:aws:iam::123456789012:role/r', context), expected);

setCases.push(
  tagRole(tags('key1:legal'), 'Allow', 'key1:legal is not denied'),
  tagRole(tags('key1:hr', 'key1:personnel'), 'Allow', 'two key1 keys are not denied'),
  tagRole(tags('key2:audit'), 'ExplicitDeny', 'key2:audit is denied'),
  tagRole({}, 'ExplicitDeny', 'no tag keys at all is denied'),
);

export const structureCases: Case[] = [
  cond('two keys under one operator are ANDed (both hold)', { StringEquals: { 'aws:username': 'alice', 'aws:PrincipalTag/team': 'blue' } }, { 'aws:username': 'alice', 'aws:PrincipalTag/team': 'blue' }, true),
  cond('two keys under one operator are ANDed (one fails)', { StringEquals: { 'aws:username': 'alice', 'aws:PrincipalTag/team': 'blue' } }, { 'aws:username': 'alice', 'aws:PrincipalTag/team': 'red' }, false),
  cond('two operators are ANDed (both hold)', { StringEquals: { 'aws:username': 'alice' }, IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }, { 'aws:username': 'alice', 'aws:SourceIp': '10.0.0.1' }, true),
  cond('two operators are ANDed (one fails)', { StringEquals: { 'aws:username': 'alice' }, IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }, { 'aws:username': 'alice', 'aws:SourceIp': '11.0.0.1' }, false),
  cond('an empty Condition block imposes nothing', {}, {}, true),
];

const bucketObj = (k: string) => `arn:aws:s3:::bucket/${k}`;
const homeAlice = doc(allow('s3:GetObject', 'arn:aws:s3:::bucket/home/${aws:username}/*'));

export const variableCases: Case[] = [
  idCase('${aws:username} in Resource: own home folder', [homeAlice], req('s3:GetObject', bucketObj('home/alice/a.txt'), { 'aws:username': 'alice' }), 'Allow'),
  idCase("${aws:username} in Resource: someone else's folder", [homeAlice], req('s3:GetObject', bucketObj('home/bob/a.txt'), { 'aws:username': 'alice' }), 'ImplicitDeny'),
  idCase('${aws:username} with no value: the resource does not match', [homeAlice], req('s3:GetObject', bucketObj('home//a.txt'), {}), 'ImplicitDeny'),
  idCase('variable key names are case-insensitive', [doc(allow('s3:GetObject', 'arn:aws:s3:::bucket/home/${AWS:UserName}/*'))], req('s3:GetObject', bucketObj('home/alice/x'), { 'aws:username': 'alice' }), 'Allow'),
  idCase('a substituted value is literal: * in a user name is no wildcard', [homeAlice], req('s3:GetObject', bucketObj('home/abc/x'), { 'aws:username': 'a*' }), 'ImplicitDeny'),
  idCase('a substituted value is literal: it matches itself', [homeAlice], req('s3:GetObject', bucketObj('home/a*/x'), { 'aws:username': 'a*' }), 'Allow'),
  idCase("default value used when the key is absent", [doc(allow('s3:GetObject', "arn:aws:s3:::bucket/home/${aws:username, 'anonymous'}/*"))], req('s3:GetObject', bucketObj('home/anonymous/x'), {}), 'Allow'),
  idCase('default value ignored when the key is present', [doc(allow('s3:GetObject', "arn:aws:s3:::bucket/home/${aws:username, 'anonymous'}/*"))], req('s3:GetObject', bucketObj('home/anonymous/x'), { 'aws:username': 'alice' }), 'ImplicitDeny'),
  idCase("default value with a doubled quote", [doc(allow('s3:GetObject', "arn:aws:s3:::bucket/${aws:username, 'o''brien'}"))], req('s3:GetObject', bucketObj("o'brien"), {}), 'Allow'),
  idCase('${aws:PrincipalTag/team} in Resource', [doc(allow('s3:*', 'arn:aws:s3:::${aws:PrincipalTag/team}-data/*'))], req('s3:PutObject', 'arn:aws:s3:::blue-data/k', { 'aws:PrincipalTag/team': 'blue' }), 'Allow'),
  idCase('${aws:PrincipalTag/team} with another team', [doc(allow('s3:*', 'arn:aws:s3:::${aws:PrincipalTag/team}-data/*'))], req('s3:PutObject', 'arn:aws:s3:::red-data/k', { 'aws:PrincipalTag/team': 'blue' }), 'ImplicitDeny'),
  idCase('${*} is a literal asterisk', [doc(allow('s3:GetObject', 'arn:aws:s3:::bucket/${*}'))], req('s3:GetObject', bucketObj('*')), 'Allow'),
  idCase('${*} does not act as a wildcard', [doc(allow('s3:GetObject', 'arn:aws:s3:::bucket/${*}'))], req('s3:GetObject', bucketObj('x')), 'ImplicitDeny'),
  idCase('${?} is a literal question mark', [doc(allow('s3:GetObject', 'arn:aws:s3:::bucket/why${?}'))], req('s3:GetObject', bucketObj('why?')), 'Allow'),
  idCase('${$} is a literal dollar', [doc(allow('s3:GetObject', 'arn:aws:s3:::bucket/${$}{aws:username}'))], req('s3:GetObject', bucketObj('${aws:username}'), { 'aws:username': 'alice' }), 'Allow'),
  idCase('Version 2008-10-17: ${…} is literal text', [{ Version: '2008-10-17', Statement: [allow('s3:GetObject', 'arn:aws:s3:::bucket/${aws:username}/*')] }], req('s3:GetObject', bucketObj('alice/x'), { 'aws:username': 'alice' }), 'ImplicitDeny'),
  idCase('Version 2008-10-17: the literal text itself matches', [{ Version: '2008-10-17', Statement: [allow('s3:GetObject', 'arn:aws:s3:::bucket/${aws:username}/*')] }], req('s3:GetObject', bucketObj('${aws:username}/x'), { 'aws:username': 'alice' }), 'Allow'),
  idCase('no Version: variables are literal', [{ Statement: [allow('s3:GetObject', 'arn:aws:s3:::bucket/${aws:username}')] }], req('s3:GetObject', bucketObj('alice'), { 'aws:username': 'alice' }), 'ImplicitDeny'),
  idCase('a multivalued key cannot be a variable', [doc(allow('s3:GetObject', 'arn:aws:s3:::bucket/${aws:TagKeys}'))], req('s3:GetObject', bucketObj('a'), { 'aws:TagKeys': ['a', 'b'] }), 'ImplicitDeny'),
  idCase('variables are not expanded in Action', [doc(allow('cognito-idp:${aws:username}'))], req('cognito-idp:ListUsers', POOL_A, { 'aws:username': 'ListUsers' }), 'ImplicitDeny'),
  idCase('NotResource with an unresolvable variable does not apply', [doc({ Effect: 'Allow', Action: 's3:*', NotResource: 'arn:aws:s3:::bucket/${aws:username}/*' })], req('s3:GetObject', bucketObj('x'), {}), 'ImplicitDeny'),
  cond('${aws:userid} in a StringLike value', { StringLike: { 's3:prefix': '${aws:userid}/*' } }, { 'aws:userid': 'AROAEXAMPLE:alice', 's3:prefix': 'AROAEXAMPLE:alice/docs' }, true),
  cond('${aws:SourceIp} in a StringEquals value', { StringEquals: { 'custom:clientIp': '${aws:SourceIp}' } }, { 'aws:SourceIp': '192.0.2.4', 'custom:clientIp': '192.0.2.4' }, true),
  cond('${aws:CurrentTime} in a StringEquals value', { StringEquals: { 'custom:stamp': '${aws:CurrentTime}' } }, { 'aws:CurrentTime': '2024-01-01T00:00:00Z', 'custom:stamp': '2024-01-01T00:00:00Z' }, true),
  cond('a variable default in a condition value', { StringEquals: { 'aws:PrincipalTag/team': "${aws:RequestTag/team, 'none'}" } }, { 'aws:PrincipalTag/team': 'none' }, true),
  cond('an unresolvable variable in a negated condition makes it fail', { StringNotEquals: { 'aws:username': '${aws:PrincipalTag/owner}' } }, { 'aws:username': 'alice' }, false),
  cond('an unresolvable variable never matches in a positive condition', { StringLike: { 's3:prefix': ['${aws:username}/*', 'public/*'] } }, { 's3:prefix': 'public/x' }, true),
  cond('variables are not expanded in Numeric conditions', { NumericEquals: { 's3:max-keys': '${custom:n}' } }, { 'custom:n': '5', 's3:max-keys': '5' }, false),
  cond('ArnLike value with a variable', { ArnLike: { 'aws:SourceArn': 'arn:aws:sns:*:*:${aws:username}-*' } }, { 'aws:username': 'alice', 'aws:SourceArn': 'arn:aws:sns:us-east-1:123456789012:alice-events' }, true),
];

const SUB = 'us-east-1:12345678-aaaa-bbbb-cccc-123456789012';
const OTHER = 'us-east-1:99999999-aaaa-bbbb-cccc-999999999999';
const s3Partition = doc(
  { Effect: 'Allow', Action: ['s3:ListBucket'], Resource: ['arn:aws:s3:::mybucket'], Condition: { StringLike: { 's3:prefix': ['${cognito-identity.amazonaws.com:sub}/*'] } } },
  { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: ['arn:aws:s3:::mybucket/${cognito-identity.amazonaws.com:sub}/*'] },
);
const me = { 'cognito-identity.amazonaws.com:sub': SUB };

export const s3PartitionCases: Case[] = [
  idCase('S3 partition: GetObject in own prefix', [s3Partition], req('s3:GetObject', `arn:aws:s3:::mybucket/${SUB}/a.jpg`, me), 'Allow', [{ layer: 'identity', statementIndex: 1 }]),
  idCase('S3 partition: PutObject in own prefix', [s3Partition], req('s3:PutObject', `arn:aws:s3:::mybucket/${SUB}/b/c.jpg`, me), 'Allow'),
  idCase("S3 partition: GetObject in another identity's prefix", [s3Partition], req('s3:GetObject', `arn:aws:s3:::mybucket/${OTHER}/a.jpg`, me), 'ImplicitDeny'),
  idCase('S3 partition: DeleteObject is not granted', [s3Partition], req('s3:DeleteObject', `arn:aws:s3:::mybucket/${SUB}/a.jpg`, me), 'ImplicitDeny'),
  idCase('S3 partition: ListBucket with own prefix', [s3Partition], req('s3:ListBucket', 'arn:aws:s3:::mybucket', { ...me, 's3:prefix': `${SUB}/` }), 'Allow', [{ layer: 'identity', statementIndex: 0 }]),
  idCase("S3 partition: ListBucket with another identity's prefix", [s3Partition], req('s3:ListBucket', 'arn:aws:s3:::mybucket', { ...me, 's3:prefix': `${OTHER}/` }), 'ImplicitDeny'),
  idCase('S3 partition: ListBucket without a prefix', [s3Partition], req('s3:ListBucket', 'arn:aws:s3:::mybucket', me), 'ImplicitDeny'),
  idCase('S3 partition: no identity in the context', [s3Partition], req('s3:GetObject', `arn:aws:s3:::mybucket/${SUB}/a.jpg`, {}), 'ImplicitDeny'),
  idCase('S3 partition: the bucket root is not an object of the identity', [s3Partition], req('s3:GetObject', `arn:aws:s3:::mybucket/${SUB}`, me), 'ImplicitDeny'),
];
