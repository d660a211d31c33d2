/**
 * Condition operator families (AWS "IAM JSON policy elements: Condition operators"): String, Numeric, Date,
 * Bool, Binary, IP address, ARN and Null, each positive and negated, with absent keys and ORed values.
 */
import { cond, type Case } from './case-helpers.js';

const u = (username: string) => ({ 'aws:username': username });

export const stringCases: Case[] = [
  cond('StringEquals: equal value allows', { StringEquals: { 'aws:username': 'alice' } }, u('alice'), true),
  cond('StringEquals: values are case-sensitive', { StringEquals: { 'aws:username': 'alice' } }, u('Alice'), false),
  cond('StringEquals: key names are case-insensitive', { StringEquals: { 'AWS:UserName': 'alice' } }, u('alice'), true),
  cond('StringEquals: several policy values are ORed', { StringEquals: { 'aws:username': ['bob', 'alice'] } }, u('alice'), true),
  cond('StringEquals: absent key fails', { StringEquals: { 'aws:username': 'alice' } }, {}, false),
  cond('StringEquals: * is literal, not a wildcard', { StringEquals: { 'aws:username': 'a*' } }, u('abc'), false),
  cond('StringEquals: * literal matches a literal *', { StringEquals: { 'aws:username': 'a*' } }, u('a*'), true),
  cond('StringNotEquals: different value holds', { StringNotEquals: { 'aws:username': 'bob' } }, u('alice'), true),
  cond('StringNotEquals: equal value fails', { StringNotEquals: { 'aws:username': 'alice' } }, u('alice'), false),
  cond('StringNotEquals: value in the list fails (matches none of)', { StringNotEquals: { 'aws:username': ['a', 'b'] } }, u('b'), false),
  cond('StringNotEquals: value outside the list holds', { StringNotEquals: { 'aws:username': ['a', 'b'] } }, u('c'), true),
  cond('StringNotEquals: absent key holds (negated operator)', { StringNotEquals: { 'aws:username': 'alice' } }, {}, true),
  cond('StringEqualsIgnoreCase: case folded', { StringEqualsIgnoreCase: { 'aws:username': 'ALICE' } }, u('alice'), true),
  cond('StringEqualsIgnoreCase: different value fails', { StringEqualsIgnoreCase: { 'aws:username': 'ALICE' } }, u('alicia'), false),
  cond('StringNotEqualsIgnoreCase: same value other case fails', { StringNotEqualsIgnoreCase: { 'aws:username': 'ALICE' } }, u('alice'), false),
  cond('StringNotEqualsIgnoreCase: different value holds', { StringNotEqualsIgnoreCase: { 'aws:username': 'bob' } }, u('alice'), true),
  cond('StringLike: * matches any run', { StringLike: { 's3:prefix': 'home/*' } }, { 's3:prefix': 'home/alice/x' }, true),
  cond('StringLike: * matches the empty run', { StringLike: { 's3:prefix': 'abc*' } }, { 's3:prefix': 'abc' }, true),
  cond('StringLike: ? matches one character', { StringLike: { 's3:prefix': 'file-?.txt' } }, { 's3:prefix': 'file-1.txt' }, true),
  cond('StringLike: ? does not match two characters', { StringLike: { 's3:prefix': 'file-?.txt' } }, { 's3:prefix': 'file-10.txt' }, false),
  cond('StringLike: case-sensitive', { StringLike: { 's3:prefix': 'Home/*' } }, { 's3:prefix': 'home/a' }, false),
  cond('StringLike: must match the whole value', { StringLike: { 's3:prefix': 'home' } }, { 's3:prefix': 'home/a' }, false),
  cond('StringNotLike: matching value fails', { StringNotLike: { 's3:prefix': 'tmp/*' } }, { 's3:prefix': 'tmp/x' }, false),
  cond('StringNotLike: other value holds', { StringNotLike: { 's3:prefix': 'tmp/*' } }, { 's3:prefix': 'home/x' }, true),
  cond('StringNotLike: absent key holds', { StringNotLike: { 's3:prefix': 'tmp/*' } }, {}, true),
];

const n = (v: string | number) => ({ 's3:max-keys': v });

export const numericCases: Case[] = [
  cond('NumericEquals: equal', { NumericEquals: { 's3:max-keys': '10' } }, n('10'), true),
  cond('NumericEquals: compares numbers, not text', { NumericEquals: { 's3:max-keys': '10' } }, n('10.0'), true),
  cond('NumericEquals: different', { NumericEquals: { 's3:max-keys': '10' } }, n('11'), false),
  cond('NumericEquals: JSON number in the policy, number in the context', { NumericEquals: { 's3:max-keys': 10 } }, n(10), true),
  cond('NumericEquals: values ORed', { NumericEquals: { 's3:max-keys': [1, 2, 3] } }, n(2), true),
  cond('NumericNotEquals: different holds', { NumericNotEquals: { 's3:max-keys': '10' } }, n('11'), true),
  cond('NumericNotEquals: equal fails', { NumericNotEquals: { 's3:max-keys': '10' } }, n('10'), false),
  cond('NumericLessThan: smaller holds', { NumericLessThan: { 's3:max-keys': '100' } }, n('99'), true),
  cond('NumericLessThan: equal fails', { NumericLessThan: { 's3:max-keys': '100' } }, n('100'), false),
  cond('NumericLessThanEquals: equal holds', { NumericLessThanEquals: { 's3:max-keys': '100' } }, n('100'), true),
  cond('NumericLessThanEquals: larger fails', { NumericLessThanEquals: { 's3:max-keys': '100' } }, n('101'), false),
  cond('NumericGreaterThan: larger holds', { NumericGreaterThan: { 's3:max-keys': '5' } }, n('6'), true),
  cond('NumericGreaterThan: equal fails', { NumericGreaterThan: { 's3:max-keys': '5' } }, n('5'), false),
  cond('NumericGreaterThanEquals: equal holds', { NumericGreaterThanEquals: { 's3:max-keys': '5' } }, n('5'), true),
  cond('NumericGreaterThanEquals: smaller fails', { NumericGreaterThanEquals: { 's3:max-keys': '5' } }, n('4'), false),
  cond('NumericLessThan: negative floats', { NumericLessThan: { 's3:max-keys': '-1.5' } }, n('-2'), true),
  cond('Numeric: a non-numeric request value never matches', { NumericLessThan: { 's3:max-keys': '10' } }, n('abc'), false),
  cond('Numeric: absent key fails', { NumericLessThan: { 's3:max-keys': '10' } }, {}, false),
];

const t = (v: string | number) => ({ 'aws:CurrentTime': v });

export const dateCases: Case[] = [
  cond('DateGreaterThan: later time holds', { DateGreaterThan: { 'aws:CurrentTime': '2020-01-01T00:00:00Z' } }, t('2021-06-01T12:00:00Z'), true),
  cond('DateGreaterThan: same instant fails', { DateGreaterThan: { 'aws:CurrentTime': '2020-01-01T00:00:00Z' } }, t('2020-01-01T00:00:00Z'), false),
  cond('DateGreaterThanEquals: same instant holds', { DateGreaterThanEquals: { 'aws:CurrentTime': '2020-01-01T00:00:00Z' } }, t('2020-01-01T00:00:00Z'), true),
  cond('DateLessThan: epoch seconds in the policy vs ISO request', { DateLessThan: { 'aws:CurrentTime': '1700000000' } }, t('2023-01-01T00:00:00Z'), true),
  cond('DateLessThan: later ISO fails', { DateLessThan: { 'aws:CurrentTime': '1700000000' } }, t('2024-01-01T00:00:00Z'), false),
  cond('DateLessThanEquals: ISO policy vs epoch request, same instant', { DateLessThanEquals: { 'aws:CurrentTime': '2023-11-14T22:13:20Z' } }, t('1700000000'), true),
  cond('DateEquals: ISO vs epoch number', { DateEquals: { 'aws:EpochTime': '2023-11-14T22:13:20Z' } }, { 'aws:EpochTime': 1700000000 }, true),
  cond('DateEquals: offsets are honoured', { DateEquals: { 'aws:CurrentTime': '2024-01-01T01:00:00+01:00' } }, t('2024-01-01T00:00:00Z'), true),
  cond('DateEquals: date-only value is midnight UTC', { DateEquals: { 'aws:CurrentTime': '2024-01-01' } }, t('2024-01-01T00:00:00Z'), true),
  cond('DateNotEquals: other instant holds', { DateNotEquals: { 'aws:CurrentTime': '2024-01-01T00:00:00Z' } }, t('2024-01-02T00:00:00Z'), true),
  cond('DateNotEquals: same instant fails', { DateNotEquals: { 'aws:CurrentTime': '2024-01-01T00:00:00Z' } }, t('2024-01-01T00:00:00.000Z'), false),
  cond('DateGreaterThan: window start and end ANDed (inside)', { DateGreaterThan: { 'aws:CurrentTime': '2024-01-01T00:00:00Z' }, DateLessThan: { 'aws:CurrentTime': '2024-12-31T23:59:59Z' } }, t('2024-06-01T00:00:00Z'), true),
  cond('DateGreaterThan: window start and end ANDed (after)', { DateGreaterThan: { 'aws:CurrentTime': '2024-01-01T00:00:00Z' }, DateLessThan: { 'aws:CurrentTime': '2024-12-31T23:59:59Z' } }, t('2025-01-01T00:00:00Z'), false),
  cond('Date: unparsable request value never matches', { DateGreaterThan: { 'aws:CurrentTime': '2020-01-01T00:00:00Z' } }, t('yesterday'), false),
  cond('Date: absent key fails', { DateGreaterThan: { 'aws:CurrentTime': '2020-01-01T00:00:00Z' } }, {}, false),
];

export const boolBinaryCases: Case[] = [
  cond('Bool: true matches true', { Bool: { 'aws:SecureTransport': 'true' } }, { 'aws:SecureTransport': true }, true),
  cond('Bool: false does not match true', { Bool: { 'aws:SecureTransport': 'false' } }, { 'aws:SecureTransport': 'true' }, false),
  cond('Bool: JSON boolean in the policy', { Bool: { 'aws:MultiFactorAuthPresent': false } }, { 'aws:MultiFactorAuthPresent': false }, true),
  cond('Bool: absent key fails', { Bool: { 'aws:MultiFactorAuthPresent': 'true' } }, {}, false),
  cond('BinaryEquals: same bytes', { BinaryEquals: { 'custom:blob': 'QmluYXJ5VmFsdWU=' } }, { 'custom:blob': 'QmluYXJ5VmFsdWU=' }, true),
  cond('BinaryEquals: other bytes', { BinaryEquals: { 'custom:blob': 'QmluYXJ5VmFsdWU=' } }, { 'custom:blob': 'T3RoZXI=' }, false),
];

const ip = (v: string) => ({ 'aws:SourceIp': v });

export const ipCases: Case[] = [
  cond('IpAddress: inside an IPv4 CIDR', { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }, ip('203.0.113.7'), true),
  cond('IpAddress: outside an IPv4 CIDR', { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }, ip('203.0.114.7'), false),
  cond('IpAddress: a bare address is a /32', { IpAddress: { 'aws:SourceIp': '203.0.113.7' } }, ip('203.0.113.7'), true),
  cond('IpAddress: bare address does not cover neighbours', { IpAddress: { 'aws:SourceIp': '203.0.113.7' } }, ip('203.0.113.8'), false),
  cond('IpAddress: IPv6 range (any case)', { IpAddress: { 'aws:SourceIp': '2001:DB8:1234:5678::/64' } }, ip('2001:db8:1234:5678::1'), true),
  cond('IpAddress: outside the IPv6 range', { IpAddress: { 'aws:SourceIp': '2001:DB8:1234:5678::/64' } }, ip('2001:db8:1234:5679::1'), false),
  cond('IpAddress: IPv4 request never matches an IPv6 range', { IpAddress: { 'aws:SourceIp': '2001:db8::/32' } }, ip('10.0.0.1'), false),
  cond('IpAddress: CIDRs are ORed', { IpAddress: { 'aws:SourceIp': ['192.0.2.0/24', '2001:db8::/32'] } }, ip('2001:db8::5'), true),
  cond('IpAddress: /0 covers every IPv4 address', { IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } }, ip('198.51.100.1'), true),
  cond('IpAddress: a request value that is not an IP never matches', { IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } }, ip('not-an-ip'), false),
  cond('IpAddress: absent key fails', { IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } }, {}, false),
  cond('NotIpAddress: outside holds', { NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }, ip('192.0.2.1'), true),
  cond('NotIpAddress: inside fails', { NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }, ip('10.20.30.40'), false),
  cond('NotIpAddress: inside any of several ranges fails', { NotIpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '192.0.2.0/24'] } }, ip('192.0.2.9'), false),
  cond('NotIpAddress: absent key holds (negated)', { NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }, {}, true),
];

const src = (v: string) => ({ 'aws:SourceArn': v });
const TOPIC = 'arn:aws:sns:us-east-1:123456789012:topic-a';

export const arnNullCases: Case[] = [
  cond('ArnEquals: same ARN', { ArnEquals: { 'aws:SourceArn': TOPIC } }, src(TOPIC), true),
  cond('ArnEquals: different ARN', { ArnEquals: { 'aws:SourceArn': TOPIC } }, src(`${TOPIC}b`), false),
  cond('ArnEquals: takes wildcards per part like ArnLike', { ArnEquals: { 'aws:SourceArn': 'arn:aws:sns:*:123456789012:topic-a' } }, src(TOPIC), true),
  cond('ArnLike: wildcards in region and resource', { ArnLike: { 'aws:SourceArn': 'arn:aws:sns:*:123456789012:topic-*' } }, src(TOPIC), true),
  cond('ArnLike: account part must match', { ArnLike: { 'aws:SourceArn': 'arn:aws:sns:*:999999999999:*' } }, src(TOPIC), false),
  cond('ArnLike: * does not span ARN parts', { ArnLike: { 'aws:SourceArn': 'arn:aws:*:topic-a' } }, src(TOPIC), false),
  cond('ArnLike: the resource part keeps its colons', { ArnLike: { 'aws:SourceArn': 'arn:aws:logs:us-east-1:123456789012:log-group:*' } }, src('arn:aws:logs:us-east-1:123456789012:log-group:app:log-stream:x'), true),
  cond('ArnLike: case-sensitive', { ArnLike: { 'aws:SourceArn': 'arn:aws:sns:*:123456789012:Topic-*' } }, src(TOPIC), false),
  cond('ArnLike: a request value that is not an ARN never matches', { ArnLike: { 'aws:SourceArn': '*' } }, src('topic-a'), false),
  cond('ArnNotEquals: other ARN holds', { ArnNotEquals: { 'aws:SourceArn': `${TOPIC}b` } }, src(TOPIC), true),
  cond('ArnNotEquals: same ARN fails', { ArnNotEquals: { 'aws:SourceArn': TOPIC } }, src(TOPIC), false),
  cond('ArnNotLike: matching pattern fails', { ArnNotLike: { 'aws:SourceArn': 'arn:aws:sns:*:*:topic-*' } }, src(TOPIC), false),
  cond('ArnNotLike: absent key holds', { ArnNotLike: { 'aws:SourceArn': 'arn:aws:sns:*:*:topic-*' } }, {}, true),
  cond('Null true: absent key holds', { Null: { 'aws:TokenIssueTime': 'true' } }, {}, true),
  cond('Null true: present key fails', { Null: { 'aws:TokenIssueTime': 'true' } }, { 'aws:TokenIssueTime': '2024-01-01T00:00:00Z' }, false),
  cond('Null false: present key holds', { Null: { 'aws:TokenIssueTime': 'false' } }, { 'aws:TokenIssueTime': '2024-01-01T00:00:00Z' }, true),
  cond('Null false: absent key fails', { Null: { 'aws:TokenIssueTime': false } }, {}, false),
  cond('Null true: an empty list counts as absent', { Null: { 'aws:TagKeys': 'true' } }, { 'aws:TagKeys': [] }, true),
];
