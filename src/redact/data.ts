import { readFileSync } from 'node:fs';
import path from 'node:path';

import { load as parseYaml } from 'js-yaml';

import { dataPath } from '../shared/paths.js';
import { RedactError } from './errors.js';

/** Host, e-mail and IP allowlists (see data/redact/allowlist.yaml). */
export interface Allowlist {
  hosts: ReadonlySet<string>;
  serviceSuffixes: readonly string[];
  tenantSuffixes: readonly string[];
  emails: ReadonlySet<string>;
  ips: ReadonlySet<string>;
}

/** Everything the detectors read from data/redact, parsed into lookup structures. */
export interface RedactData {
  tlds: ReadonlySet<string>;
  allowlist: Allowlist;
  secrets: {
    passwordWords: ReadonlySet<string>;
    credentialWords: ReadonlySet<string>;
    /** Last two or three words of a key name, joined by spaces (`secret key`, `access key id`). */
    credentialPairs: ReadonlySet<string>;
    chinesePasswordKeys: readonly string[];
    chineseCredentialKeys: readonly string[];
    queryParams: ReadonlySet<string>;
    authSchemes: readonly string[];
    keywords: ReadonlySet<string>;
    passwordHints: readonly string[];
    loginNames: readonly string[];
    /** Configuration directives that take a password after a blank (requirepass). */
    passwordDirectives: readonly string[];
    /** Command-line password flags, as "<command> <flag>", `+` marking a glued value. */
    commandPasswordFlags: readonly string[];
    /** Labels of two-factor recovery codes (恢复码, backup code). */
    recoveryCodeLabels: readonly string[];
  };
  surnames: {
    single: ReadonlySet<string>;
    compound: ReadonlySet<string>;
    common: ReadonlySet<string>;
    /** Frequent surnames in pinyin, lower-cased (zhang, ouyang). */
    pinyin: ReadonlySet<string>;
    /** English given names that Chinese speakers often take (tom, lily), lower-cased. */
    englishGiven: ReadonlySet<string>;
    /** Frequent English surnames (smith, johnson), lower-cased. */
    englishSurnames: ReadonlySet<string>;
  };
  honorifics: {
    strong: readonly string[];
    weak: readonly string[];
    standalone: readonly string[];
    afterFullName: readonly string[];
    standaloneNext: ReadonlySet<string>;
    notFollowedBy: ReadonlyMap<string, string>;
    notWords: ReadonlySet<string>;
  };
  context: {
    wechat: readonly string[];
    /** Requests to add someone on WeChat (加微, 加V), scanned apart from `wechat`. */
    wechatInvites: readonly string[];
    qq: readonly string[];
    idGap: string;
    nameLabels: readonly string[];
    /** Name labels after which a name that runs on into Chinese text is kept. */
    runOnLabels: ReadonlySet<string>;
    /** Labels after which two or three capitalised Latin words are a name (联系人：Tom Chen). */
    latinNameLabels: readonly string[];
    /** Generic labels after which only a pinyin name counts (`name: Zhang Wei`). */
    pinyinNameLabels: readonly string[];
    /** Job titles that follow a name in a signature line (`周洁 | 运维工程师`). */
    signatureTitles: readonly string[];
    /** Words of running text after which a Latin name follows (他叫Lily, 我叫 Tony). */
    latinProseLabels: readonly string[];
    /** Titles before a Latin name, without their dot (Mr, Mrs, Dr). */
    latinNameTitles: readonly string[];
    /** Closing words of an English letter before the signature (Best regards, Thanks). */
    latinSignOffs: readonly string[];
    /** Greetings before a Latin name that must look like a person's (Hi, Dear). */
    latinGreetings: readonly string[];
    /** Lower-cased words that are no part of a Latin name (admin, support, qiniu). */
    notLatinNames: ReadonlySet<string>;
    titlesBeforeName: readonly string[];
    wordsAfterName: ReadonlySet<string>;
    nameStopChars: ReadonlySet<string>;
    notNames: ReadonlySet<string>;
    contactWords: readonly string[];
    numberLabels: readonly string[];
    /** Labels of a resident ID number, after which one that fails its check counts too. */
    idCardLabels: readonly string[];
    bankCardHints: readonly string[];
    versionHints: readonly string[];
    /** Products and SDKs that a version number follows right after (SDK 7.13.2.1). */
    versionNames: readonly string[];
    /** Lower-cased English words that start a phrase after a bare `at` (the, a, our). */
    notDomainLabels: ReadonlySet<string>;
  };
  /** Lower-cased account names that a home folder may carry without naming a person. */
  genericUserNames: ReadonlySet<string>;
  /** Lower-cased labels after which an account name is written (用户名, 登录账号, username). */
  accountLabels: readonly string[];
  /** Commands with the position of the positional argument that is an account name. */
  accountCommands: ReadonlyArray<{ command: string; position: number }>;
  /** Lower-cased objects that code reads a user name from (request, settings), for `request.user`. */
  codeObjects: ReadonlySet<string>;
  /** Account names that a program logs in with (app_rw, svc-billing), matched whole. */
  serviceAccounts: readonly RegExp[];
  /** Postal addresses, passport numbers and licence plates (data/redact/addresses.yaml). */
  places: {
    addressLabels: readonly string[];
    /** Characters one of which every address label contains. */
    addressLabelChars: readonly string[];
    regionMarks: ReadonlySet<string>;
    placeMarks: readonly string[];
    addressEnds: readonly string[];
    regions: readonly string[];
    passportLabels: readonly string[];
    plateLabels: readonly string[];
    plateProvinces: string;
  };
}

type YamlObject = Record<string, unknown>;

function readYaml(dir: string, name: string): YamlObject {
  const file = path.join(dir, name);
  let parsed: unknown;
  try {
    parsed = parseYaml(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new RedactError(
      'REDACT_DATA_INVALID',
      `Failed to read redaction data file ${file}: ${(error as Error).message}`,
    );
  }
  if (typeof parsed !== 'object' || parsed === null) {
    throw new RedactError('REDACT_DATA_INVALID', `${file} must contain a YAML mapping.`);
  }
  return parsed as YamlObject;
}

function list(file: YamlObject, field: string, name: string): string[] {
  const value = file[field];
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw new RedactError(
      'REDACT_DATA_INVALID',
      `Field "${field}" of data/redact/${name} must be a list of strings.`,
    );
  }
  return value as string[];
}

function text(file: YamlObject, field: string, name: string): string {
  const value = file[field];
  if (typeof value !== 'string') {
    throw new RedactError(
      'REDACT_DATA_INVALID',
      `Field "${field}" of data/redact/${name} must be a string.`,
    );
  }
  return value.replace(/\s+/g, '');
}

function charSet(value: string): Set<string> {
  return new Set(Array.from(value));
}

function lower(values: string[]): Set<string> {
  return new Set(values.map((value) => value.toLowerCase()));
}

/** Parses an entry of `accountCommands` in user-names.yaml: `qshell account: 3`. */
function commandPosition(entry: string, field: string): { command: string; position: number } {
  const match = /^(.+?):\s*([1-9]\d?)$/.exec(entry.trim());
  if (match === null) {
    throw new RedactError(
      'REDACT_DATA_INVALID',
      `Entry "${entry}" of field "${field}" in data/redact/user-names.yaml is invalid; ` +
        'write it as "<command>: <position>", such as "qshell account: 3".',
    );
  }
  return { command: match[1]!.toLowerCase(), position: Number(match[2]) };
}

/** Returns the address labels, after checking that each contains one of `chars`. */
function addressLabels(places: YamlObject, chars: ReadonlySet<string>): string[] {
  const labels = list(places, 'addressLabels', 'addresses.yaml');
  const missing = labels.find((label) => ![...label].some((char) => chars.has(char)));
  if (missing !== undefined) {
    throw new RedactError(
      'REDACT_DATA_INVALID',
      `Address label "${missing}" of data/redact/addresses.yaml contains none of ` +
        `addressLabelChars; add one of its characters there.`,
    );
  }
  return labels;
}

/** Reads and checks the data files; `dir` defaults to the repository's data/redact folder. */
export function loadRedactData(dir: string = dataPath('redact')): RedactData {
  const allow = readYaml(dir, 'allowlist.yaml');
  const tlds = readYaml(dir, 'tlds.yaml');
  const keys = readYaml(dir, 'secret-keys.yaml');
  const surnames = readYaml(dir, 'surnames.yaml');
  const titles = readYaml(dir, 'honorifics.yaml');
  const words = readYaml(dir, 'context-words.yaml');
  const userNames = readYaml(dir, 'user-names.yaml');
  const places = readYaml(dir, 'addresses.yaml');
  const labelChars = charSet(text(places, 'addressLabelChars', 'addresses.yaml'));

  const notFollowedBy = titles.notFollowedBy;
  if (typeof notFollowedBy !== 'object' || notFollowedBy === null) {
    throw new RedactError(
      'REDACT_DATA_INVALID',
      'Field "notFollowedBy" of data/redact/honorifics.yaml must be a mapping.',
    );
  }

  return {
    tlds: new Set(list(tlds, 'tlds', 'tlds.yaml')),
    allowlist: {
      hosts: lower(list(allow, 'hosts', 'allowlist.yaml')),
      serviceSuffixes: list(allow, 'serviceSuffixes', 'allowlist.yaml'),
      tenantSuffixes: list(allow, 'tenantSuffixes', 'allowlist.yaml'),
      emails: lower(list(allow, 'emails', 'allowlist.yaml')),
      ips: new Set(list(allow, 'ips', 'allowlist.yaml')),
    },
    secrets: {
      passwordWords: lower(list(keys, 'passwordWords', 'secret-keys.yaml')),
      credentialWords: lower(list(keys, 'credentialWords', 'secret-keys.yaml')),
      credentialPairs: lower(list(keys, 'credentialPairs', 'secret-keys.yaml')),
      chinesePasswordKeys: list(keys, 'chinesePasswordKeys', 'secret-keys.yaml'),
      chineseCredentialKeys: list(keys, 'chineseCredentialKeys', 'secret-keys.yaml'),
      queryParams: lower(list(keys, 'queryParams', 'secret-keys.yaml')),
      authSchemes: list(keys, 'authSchemes', 'secret-keys.yaml'),
      keywords: lower(list(keys, 'keywords', 'secret-keys.yaml')),
      passwordHints: list(keys, 'passwordHints', 'secret-keys.yaml'),
      loginNames: list(keys, 'loginNames', 'secret-keys.yaml'),
      passwordDirectives: list(keys, 'passwordDirectives', 'secret-keys.yaml'),
      commandPasswordFlags: list(keys, 'commandPasswordFlags', 'secret-keys.yaml'),
      recoveryCodeLabels: list(keys, 'recoveryCodeLabels', 'secret-keys.yaml'),
    },
    surnames: {
      single: charSet(text(surnames, 'single', 'surnames.yaml')),
      compound: new Set(list(surnames, 'compound', 'surnames.yaml')),
      common: charSet(text(surnames, 'common', 'surnames.yaml')),
      pinyin: lower(list(surnames, 'pinyin', 'surnames.yaml')),
      englishGiven: lower(list(surnames, 'englishGiven', 'surnames.yaml')),
      englishSurnames: lower(list(surnames, 'englishSurnames', 'surnames.yaml')),
    },
    honorifics: {
      strong: list(titles, 'strong', 'honorifics.yaml'),
      weak: list(titles, 'weak', 'honorifics.yaml'),
      standalone: list(titles, 'standalone', 'honorifics.yaml'),
      afterFullName: list(titles, 'afterFullName', 'honorifics.yaml'),
      standaloneNext: charSet(text(titles, 'standaloneNext', 'honorifics.yaml')),
      notFollowedBy: new Map(Object.entries(notFollowedBy as Record<string, string>)),
      notWords: new Set(list(titles, 'notWords', 'honorifics.yaml')),
    },
    context: {
      wechat: list(words, 'wechat', 'context-words.yaml'),
      wechatInvites: list(words, 'wechatInvites', 'context-words.yaml'),
      qq: list(words, 'qq', 'context-words.yaml'),
      idGap: String(words.idGap ?? ''),
      nameLabels: list(words, 'nameLabels', 'context-words.yaml'),
      runOnLabels: new Set(list(words, 'runOnLabels', 'context-words.yaml')),
      latinNameLabels: list(words, 'latinNameLabels', 'context-words.yaml'),
      pinyinNameLabels: list(words, 'pinyinNameLabels', 'context-words.yaml'),
      signatureTitles: list(words, 'signatureTitles', 'context-words.yaml'),
      latinProseLabels: list(words, 'latinProseLabels', 'context-words.yaml'),
      latinNameTitles: list(words, 'latinNameTitles', 'context-words.yaml'),
      latinSignOffs: list(words, 'latinSignOffs', 'context-words.yaml'),
      latinGreetings: list(words, 'latinGreetings', 'context-words.yaml'),
      notLatinNames: lower(list(words, 'notLatinNames', 'context-words.yaml')),
      titlesBeforeName: list(words, 'titlesBeforeName', 'context-words.yaml'),
      wordsAfterName: new Set(list(words, 'wordsAfterName', 'context-words.yaml')),
      nameStopChars: charSet(text(words, 'nameStopChars', 'context-words.yaml')),
      notNames: new Set(list(words, 'notNames', 'context-words.yaml')),
      contactWords: list(words, 'contactWords', 'context-words.yaml'),
      numberLabels: list(words, 'numberLabels', 'context-words.yaml'),
      idCardLabels: list(words, 'idCardLabels', 'context-words.yaml'),
      bankCardHints: list(words, 'bankCardHints', 'context-words.yaml'),
      versionHints: list(words, 'versionHints', 'context-words.yaml'),
      versionNames: list(words, 'versionNames', 'context-words.yaml'),
      notDomainLabels: lower(list(words, 'notDomainLabels', 'context-words.yaml')),
    },
    genericUserNames: lower(list(userNames, 'generic', 'user-names.yaml')),
    accountLabels: [...lower(list(userNames, 'accountLabels', 'user-names.yaml'))],
    accountCommands: list(userNames, 'accountCommands', 'user-names.yaml').map((entry) =>
      commandPosition(entry, 'accountCommands'),
    ),
    codeObjects: lower(list(userNames, 'codeObjects', 'user-names.yaml')),
    serviceAccounts: list(userNames, 'serviceAccounts', 'user-names.yaml').map(
      (source) => new RegExp(`^(?:${source})$`, 'i'),
    ),
    places: {
      addressLabels: addressLabels(places, labelChars),
      addressLabelChars: [...labelChars],
      regionMarks: charSet(text(places, 'regionMarks', 'addresses.yaml')),
      placeMarks: list(places, 'placeMarks', 'addresses.yaml'),
      addressEnds: list(places, 'addressEnds', 'addresses.yaml'),
      regions: list(places, 'regions', 'addresses.yaml'),
      passportLabels: list(places, 'passportLabels', 'addresses.yaml'),
      plateLabels: list(places, 'plateLabels', 'addresses.yaml'),
      plateProvinces: text(places, 'plateProvinces', 'addresses.yaml'),
    },
  };
}

let cached: RedactData | null = null;

/** Returns the data of the repository's data/redact folder, reading the files on first use. */
export function defaultRedactData(): RedactData {
  cached ??= loadRedactData();
  return cached;
}
