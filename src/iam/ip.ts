/**
 * IPv4 / IPv6 addresses and CIDR ranges for the IpAddress / NotIpAddress operators, as byte arrays compared
 * prefix-bit by prefix-bit. Plain JS on purpose: node:net BlockList costs microseconds per check, and this runs
 * on every authorized request. Never throws: anything that is not an address or range parses to undefined.
 */
import { isIP } from 'node:net';

export interface Cidr {
  readonly bytes: Uint8Array;
  readonly prefix: number;
}

function v4(s: string): number[] {
  return s.split('.').map(Number);
}

/** The address as 4 or 16 bytes; undefined when it is not an IP address. */
export function parseIp(text: string): Uint8Array | undefined {
  const s = text.trim().replace(/%.*$/, '');
  const family = isIP(s);
  if (family === 4) return Uint8Array.from(v4(s));
  if (family !== 6) return undefined;
  const [head, tail] = s.includes('::') ? s.split('::') : [s, undefined];
  const groups = (part: string | undefined): number[] => {
    if (!part) return [];
    const out: number[] = [];
    for (const g of part.split(':')) {
      if (g.includes('.')) {
        const [a, b, c, d] = v4(g);
        out.push((a << 8) | b, (c << 8) | d);
      } else out.push(parseInt(g, 16));
    }
    return out;
  };
  const h = groups(head);
  const t = groups(tail);
  const all = tail === undefined ? h : [...h, ...new Array<number>(8 - h.length - t.length).fill(0), ...t];
  const bytes = new Uint8Array(16);
  all.forEach((g, i) => {
    bytes[2 * i] = g >> 8;
    bytes[2 * i + 1] = g & 0xff;
  });
  return bytes;
}

/** `addr/prefix`, or a bare address (a /32 or /128). */
export function parseCidr(text: string): Cidr | undefined {
  const [addr, bits, extra] = text.trim().split('/');
  const bytes = parseIp(addr ?? '');
  if (!bytes || extra !== undefined) return undefined;
  const max = bytes.length * 8;
  const prefix = bits === undefined ? max : /^\d{1,3}$/.test(bits) ? Number(bits) : -1;
  return prefix >= 0 && prefix <= max ? { bytes, prefix } : undefined;
}

/** Whether the address lies in the range; an IPv4 address is never inside an IPv6 range and vice versa. */
export function inCidr(address: Uint8Array, range: Cidr): boolean {
  if (address.length !== range.bytes.length) return false;
  let bits = range.prefix;
  for (let i = 0; bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if ((address[i] & mask) !== (range.bytes[i] & mask)) return false;
  }
  return true;
}
