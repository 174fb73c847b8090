// RFC 6238 codes from a base32 secret, as an authenticator app computes them.
import { createHmac } from "node:crypto";

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

function base32Decode(secret: string): Buffer {
  let bits = "";
  for (const character of secret.replace(/=+$/, "").toUpperCase()) {
    const value = BASE32.indexOf(character);
    if (value < 0) throw new Error(`not base32: ${character}`);
    bits += value.toString(2).padStart(5, "0");
  }
  const bytes: number[] = [];
  for (let start = 0; start + 8 <= bits.length; start += 8) {
    bytes.push(parseInt(bits.slice(start, start + 8), 2));
  }
  return Buffer.from(bytes);
}

/** The code of the time step `stepsAhead` steps after now. */
export function totpCode(secret: string, stepsAhead = 0, digits = 6, period = 30): string {
  const step = Math.floor(Date.now() / 1000 / period) + stepsAhead;
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const digest = createHmac("sha1", base32Decode(secret)).update(counter).digest();
  const offset = (digest[digest.length - 1] ?? 0) & 0x0f;
  const binary = digest.readUInt32BE(offset) & 0x7fffffff;
  return (binary % 10 ** digits).toString().padStart(digits, "0");
}
