/**
 * The AWS query protocol's response side: `<{Op}Response xmlns=…><{Op}Result>…</{Op}Result>
 * <ResponseMetadata><RequestId>…</RequestId></ResponseMetadata></{Op}Response>` and the error document
 * `<ErrorResponse><Error><Type>Sender</Type><Code>…</Code><Message>…</Message></Error><RequestId>…</RequestId>
 * </ErrorResponse>`, built with fast-xml-parser exactly as the AWS SDKs parse them. Lists become `<member>`
 * elements, dates ISO-8601 UTC, booleans `true`/`false`; absent members are omitted.
 */
import { XMLBuilder } from 'fast-xml-parser';

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', suppressEmptyNode: false, processEntities: true });

export const NAMESPACES: Record<string, string> = {
  sts: 'https://sts.amazonaws.com/doc/2011-06-15/',
  iam: 'https://iam.amazonaws.com/doc/2010-05-08/',
};

function shape(v: unknown): unknown {
  if (v === undefined || v === null) return undefined;
  if (v instanceof Date) return v.toISOString().replace(/\.\d{3}Z$/, 'Z');
  if (Array.isArray(v)) return { member: v.map(shape) };
  if (typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      const s = shape(x);
      if (s !== undefined) out[k] = s;
    }
    return out;
  }
  return String(v);
}

export function resultXml(service: string, op: string, result: unknown, requestId: string): string {
  const body: Record<string, unknown> = { '@_xmlns': NAMESPACES[service] ?? NAMESPACES.sts };
  if (result !== undefined && result !== null) body[`${op}Result`] = shape(result);
  body.ResponseMetadata = { RequestId: requestId };
  return builder.build({ [`${op}Response`]: body }) as string;
}

export function errorXml(service: string, type: 'Sender' | 'Receiver', code: string, message: string, requestId: string): string {
  return builder.build({
    ErrorResponse: { '@_xmlns': NAMESPACES[service] ?? NAMESPACES.sts, Error: { Type: type, Code: code, Message: message }, RequestId: requestId },
  }) as string;
}
