import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** scrypt cost parameters: N = 2^logN, block size r, parallelism p. */
interface ScryptCost {
  logN: number;
  r: number;
  p: number;
}

// N = 2^15, r = 8, p = 1 needs 128 * N * r = 32 MiB per hash. Stored hashes carry their own
// cost, so raising it later keeps old hashes verifiable.
const CURRENT: ScryptCost = { logN: 15, r: 8, p: 1 };
const SALT_BYTES = 16;
const KEY_BYTES = 32;
const VERSION = 'v=1';
const HASH_PATTERN =
  /^\$scrypt\$v=1\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]+={0,2})\$([A-Za-z0-9+/]+={0,2})$/;

function derive(password: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  const options: ScryptOptions = {
    N: 2 ** cost.logN,
    r: cost.r,
    p: cost.p,
    // Node's default limit of 32 MiB is just too small for N = 2^15, r = 8, so allow twice that.
    maxmem: 2 * 128 * 2 ** cost.logN * cost.r,
  };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, KEY_BYTES, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/**
 * Hashes a password with scrypt and a random salt into a versioned string:
 * `$scrypt$v=1$ln=15,r=8,p=1$<salt base64>$<key base64>`.
 */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, CURRENT);
  const { logN, r, p } = CURRENT;
  return `$scrypt$${VERSION}$ln=${logN},r=${r},p=${p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** Checks a password against a stored hash in constant time; false for a malformed hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const match = HASH_PATTERN.exec(stored);
  if (!match) return false;

  const cost = { logN: Number(match[1]), r: Number(match[2]), p: Number(match[3]) };
  const salt = Buffer.from(match[4]!, 'base64');
  const expected = Buffer.from(match[5]!, 'base64');
  const key = await derive(password, salt, cost);
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** Tells whether a stored hash uses a weaker cost than the current one. */
export function needsRehash(stored: string): boolean {
  const match = HASH_PATTERN.exec(stored);
  if (!match) return true;
  return Number(match[1]) < CURRENT.logN || Number(match[2]) < CURRENT.r;
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the time of one verification against a throw-away hash, so a login with an unknown
 * e-mail address takes as long as one with a wrong password.
 */
export async function spendVerificationTime(password: string): Promise<void> {
  dummyHash ??= hashPassword('casebook-timing-equalizer');
  await verifyPassword(password, await dummyHash);
}
