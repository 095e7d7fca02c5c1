/** Every kind of personal or secret data the redactor replaces, in placeholder order. */
export const ENTITY_TYPES = [
  'URL',
  'EMAIL',
  'PHONE',
  'LANDLINE',
  'ID_CARD',
  'BANK_CARD',
  'CREDIT_CODE',
  'IP',
  'SECRET',
  'WECHAT',
  'QQ',
  'NAME',
  'USER',
  'DOMAIN',
  'ADDRESS',
  'PASSPORT',
  'PLATE',
] as const;

/** Kind of a redacted value; it names the placeholder, as in `[PHONE_1]`. */
export type EntityType = (typeof ENTITY_TYPES)[number];

/** One replaced span. Offsets are UTF-16 code-unit indices into the input text. */
export interface RedactedEntity {
  type: EntityType;
  start: number;
  end: number;
  placeholder: string;
}

/** Redacted text and the spans of the input that were replaced, in text order. */
export interface RedactionResult {
  text: string;
  entities: RedactedEntity[];
}

/**
 * A span proposed by a detector, in offsets of the normalized text. A candidate whose `type` is
 * null is a keep span: when it wins overlap resolution, the text it covers stays as it is.
 */
export interface Candidate {
  start: number;
  end: number;
  type: EntityType | null;
  priority: number;
}

/**
 * Overlap-resolution priority per detection. A higher number wins over a lower one, and
 * between equal numbers the longer span wins.
 */
export const PRIORITY = {
  // A private key block is never part of a URL, so it beats even the URL's span.
  pem: 100,
  // A URL's replaced part beats whatever it contains, so no piece of a signed query survives.
  url: 99,
  token: 95,
  authorization: 94,
  jwt: 93,
  accessKey: 90,
  secretAssignment: 89,
  email: 80,
  idCard: 70,
  passport: 69,
  creditCode: 68,
  bankCard: 66,
  qq: 64,
  wechat: 63,
  phone: 60,
  // A provider URL that survives whole still loses to a secret, an ID number, an e-mail address
  // or a phone number in its query (portal.qiniu.com/signup?mobile=138…).
  keepUrl: 59,
  landline: 58,
  plate: 57,
  ip: 55,
  password: 50,
  // A phone number or e-mail address used as a home folder's name keeps its own type.
  user: 45,
  // An address beats a name inside it (张家村), and loses to a phone number beside it.
  address: 42,
  name: 40,
  domain: 20,
} as const;

/** Types whose placeholders count as contact data that a person's name may stand beside. */
export const CONTACT_TYPES: ReadonlySet<EntityType> = new Set<EntityType>([
  'PHONE',
  'LANDLINE',
  'EMAIL',
  'WECHAT',
  'QQ',
]);
