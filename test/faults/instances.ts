import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { queryRows } from './private-postgres.js';

/** Root of the repository, the working folder of every child process. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The bundled sample archive, relative to the repository root. */
export const SAMPLE_ARCHIVE = 'data/samples/support-records-part14.md';

// Maximum characters of stderr kept per child, so a noisy instance cannot fill the test's memory.
const MAX_LOG_CHARS = 512 * 1024;

const running = new Set<ChildProcess>();
process.once('exit', () => {
  // Last resort when the test process exits before its after() hooks stopped the children.
  for (const child of running) child.kill('SIGKILL');
});

/** Environment of a child process: the test's own, without settings that reach other hosts. */
export function childEnv(databaseUrl: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, CASEBOOK_DATABASE_URL: databaseUrl };
  for (const name of Object.keys(env)) {
    // The language model endpoint is the one setting that makes casebook call out.
    if (name.startsWith('CASEBOOK_LLM_')) delete env[name];
  }
  delete env.CASEBOOK_DB;
  return env;
}

/** A casebook CLI child process with its output collected. */
export interface ChildRun {
  readonly child: ChildProcess;
  /** Resolves with the exit code and signal when the process has exited. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stdout(): string;
  /** The end of stderr, up to 524,288 characters. */
  stderr(): string;
  isRunning(): boolean;
  /** Sends `signal` and waits for the exit. SIGKILL follows when the process outlives it by 10 s. */
  terminate(signal?: NodeJS.Signals): Promise<void>;
}

/** Runs `node --import tsx src/cli/main.ts ARGS` in the repository root on `databaseUrl`. */
export function runCasebook(args: string[], databaseUrl: string): ChildRun {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: REPO_ROOT,
    env: childEnv(databaseUrl),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => {
    err += chunk.toString('utf8');
    if (err.length > MAX_LOG_CHARS) err = err.slice(-MAX_LOG_CHARS);
  });

  let done = false;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('close', (code, signal) => {
      done = true;
      running.delete(child);
      resolve({ code, signal });
    });
  });

  return {
    child,
    exited,
    stdout: () => out,
    stderr: () => err,
    isRunning: () => !done,
    async terminate(signal = 'SIGTERM') {
      if (done) return;
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      try {
        await exited;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/** A running `casebook serve` process. */
export interface Instance extends ChildRun {
  readonly name: string;
  /** Base URL, such as http://127.0.0.1:41234. */
  readonly url: string;
  /** The first admin's password, when this instance created the admin. */
  readonly adminPassword: string | null;
  /** Stops the instance with SIGTERM, as an operator would. */
  stop(): Promise<void>;
  /** Kills the instance with SIGKILL, as a crash or the OOM killer would. */
  kill(): Promise<void>;
  /** Error and fatal log lines (pino levels 50 and 60) by message, with counts. */
  errorMessages(): Map<string, number>;
}

/** Options of {@link startInstance}. */
export interface InstanceOptions {
  name: string;
  databaseUrl: string;
  /** Archives imported when the database has no cases. */
  importIfEmpty?: string[];
  /** Log level of the child. The default, warn, keeps stderr to slow requests and errors. */
  logLevel?: string;
  startTimeoutMs?: number;
}

const LISTENING = /casebook is listening on (http:\/\/127\.0\.0\.1:\d+)/;
const PASSWORD = /^ {2}password: (\S+)$/m;

/**
 * Starts `casebook serve --port 0` on a PostgreSQL database and resolves once it prints the
 * address it listens on. Rejects with the child's stderr when it exits or takes too long.
 */
export async function startInstance(options: InstanceOptions): Promise<Instance> {
  const args = ['serve', '--port', '0', '--log-level', options.logLevel ?? 'warn'];
  if (options.importIfEmpty) args.push('--import-if-empty', ...options.importIfEmpty);
  const run = runCasebook(args, options.databaseUrl);

  const url = await waitForListening(run, options.startTimeoutMs ?? 45_000).catch(
    async (error: Error) => {
      await run.terminate('SIGKILL');
      throw new Error(`Instance ${options.name}: ${error.message}\nstderr:\n${run.stderr()}`);
    },
  );
  return {
    ...run,
    name: options.name,
    url,
    adminPassword: PASSWORD.exec(run.stdout())?.[1] ?? null,
    stop: () => run.terminate('SIGTERM'),
    kill: () => run.terminate('SIGKILL'),
    errorMessages: () => errorMessages(run.stderr()),
  };
}

async function waitForListening(run: ChildRun, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = LISTENING.exec(run.stdout());
    if (match) return match[1]!;
    if (!run.isRunning()) {
      const { code, signal } = await run.exited;
      throw new Error(`serve exited (code ${code}, signal ${signal}) before listening.`);
    }
    if (Date.now() > deadline) throw new Error(`serve did not listen within ${timeoutMs} ms.`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function errorMessages(log: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of log.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      const entry = JSON.parse(line) as {
        level?: number;
        msg?: string;
        err?: { message?: string };
      };
      if ((entry.level ?? 0) < 50) continue;
      const key = `${entry.msg ?? ''}${entry.err?.message ? `: ${entry.err.message}` : ''}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    } catch {
      // A line cut by the tail buffer is not JSON.
    }
  }
  return counts;
}

/** One HTTP response; `status` 0 stands for a network error or timeout. */
export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
  /** The network error, when `status` is 0. */
  error?: string;
}

/** How a client authenticates: an API token, or a session cookie with its CSRF token. */
export type Credentials = { token: string } | { cookie: string; csrfToken: string } | null;

/** A loopback HTTP client of one instance's API under /api/v1. */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    readonly credentials: Credentials = null,
    readonly timeoutMs = 10_000,
  ) {}

  /** Returns a client with the same credentials for another instance. */
  at(baseUrl: string): ApiClient {
    return new ApiClient(baseUrl, this.credentials, this.timeoutMs);
  }

  /**
   * Sends a request and returns the response with its JSON body. Network errors and timeouts
   * come back as status 0 rather than as exceptions, so load loops can count them.
   */
  async request<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    const credentials = this.credentials;
    if (credentials && 'token' in credentials) {
      headers.authorization = `Bearer ${credentials.token}`;
    } else if (credentials) {
      headers.cookie = `casebook_session=${credentials.cookie}`;
      if (method !== 'GET') headers['x-csrf-token'] = credentials.csrfToken;
    }

    try {
      const response = await fetch(`${this.baseUrl}/api/v1${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      const text = await response.text();
      const json = response.headers.get('content-type')?.includes('json');
      const parsed = json && text !== '' ? (JSON.parse(text) as T) : (text as T);
      return { status: response.status, body: parsed, headers: response.headers };
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      const message = cause ?? (error as Error).name ?? String(error);
      return { status: 0, body: undefined as T, headers: new Headers(), error: message };
    }
  }
}

/** Body of a successful login. */
export interface LoginBody {
  user: { id: number; email: string; role: string };
  csrfToken: string;
}

/** Logs in on `baseUrl`. On success the client carries the session cookie and CSRF token. */
export async function logIn(
  baseUrl: string,
  email: string,
  password: string,
): Promise<{ response: ApiResponse<LoginBody>; client: ApiClient | null }> {
  const anonymous = new ApiClient(baseUrl);
  const response = await anonymous.request<LoginBody>('POST', '/auth/login', { email, password });
  if (response.status !== 200) return { response, client: null };

  const cookie = /casebook_session=([^;]+)/.exec(response.headers.get('set-cookie') ?? '')?.[1];
  if (!cookie) throw new Error('Login succeeded without a casebook_session cookie.');
  return {
    response,
    client: new ApiClient(baseUrl, { cookie, csrfToken: response.body.csrfToken }),
  };
}

/** Logs in as the first admin and returns a client with a new API token of scope `api`. */
export async function adminTokenClient(instance: Instance): Promise<ApiClient> {
  if (!instance.adminPassword) throw new Error(`Instance ${instance.name} created no admin.`);
  const { response, client } = await logIn(
    instance.url,
    'admin@casebook.invalid',
    instance.adminPassword,
  );
  if (!client)
    throw new Error(`Admin login failed: ${response.status} ${JSON.stringify(response.body)}`);

  const created = await client.request<{ token: string }>('POST', '/tokens', {
    name: 'fault tests',
    scope: 'api',
  });
  if (created.status !== 201) {
    throw new Error(`Token creation failed: ${created.status} ${JSON.stringify(created.body)}`);
  }
  return new ApiClient(instance.url, { token: created.body.token });
}

/** A kind of request that the load clients send. */
export type RequestKind = 'triage' | 'search' | 'reply';

/** One request sent by a load client. */
export interface RequestRecord {
  instance: string;
  kind: RequestKind;
  /** HTTP status, or 0 for a network error or timeout. */
  status: number;
  /** Start and end, in milliseconds since the load started. */
  startMs: number;
  endMs: number;
  error?: string;
}

/** A reply that an instance acknowledged with 201 and a message id. */
export interface AckedReply {
  marker: string;
  messageId: number;
  caseId: number;
  instance: string;
  /** When the acknowledgement arrived, in milliseconds since the load started. */
  atMs: number;
}

/** Options of {@link startLoad}. */
export interface LoadOptions {
  /** Instances under load, each with an authenticated client. */
  targets: Array<{ name: string; client: ApiClient }>;
  clientsPerTarget: number;
  /** Cases that replies go to, spread so that few replies wait on one case's row lock. */
  caseIds: number[];
  /** Start of every reply marker, unique to the test run. */
  markerPrefix: string;
  /** Pause between two requests of one client, in milliseconds. */
  pauseMs?: number;
}

// Questions and search terms from the sample's topics.
const QUESTIONS = [
  '免费证书申请了一天了还在审核中', // free certificate still in review after a day
  'CDN 回源一直报 502，源站是好的', // CDN origin fetch returns 502 though the origin is fine
  '域名备案提交后多久能审核完', // how long the ICP filing review takes
  '云服务器远程登录不上，提示连接超时', // remote login to the cloud server times out
  '这个月带宽费用突然变高了', // this month's bandwidth bill jumped
];
// certificate, origin fetch, ICP filing, login, bandwidth
const SEARCH_TERMS = ['证书', '回源', '备案', '登录', '带宽'];
const KINDS: RequestKind[] = ['triage', 'search', 'reply'];

/** Concurrent clients cycling through triage, search and reply until stopped. */
export interface LoadRun {
  readonly records: RequestRecord[];
  readonly acked: AckedReply[];
  /** Milliseconds since the load started. */
  elapsed(): number;
  /** Stops every client after its current request and resolves when all have finished. */
  stop(): Promise<void>;
}

/** Starts the load clients. Each sends its next request when its previous one has ended. */
export function startLoad(options: LoadOptions): LoadRun {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const records: RequestRecord[] = [];
  const acked: AckedReply[] = [];
  let stopped = false;

  const runClient = async (target: { name: string; client: ApiClient }, index: number) => {
    const label = `${target.name}${index}`;
    for (let n = 0; !stopped; n += 1) {
      const kind = KINDS[(n + index) % KINDS.length]!;
      const startMs = elapsed();
      const result = await sendOne(target.client, kind, n + index, {
        caseIds: options.caseIds,
        marker: `${options.markerPrefix}-${label}-${String(n).padStart(4, '0')}`,
      });
      const endMs = elapsed();
      records.push({ instance: target.name, kind, startMs, endMs, ...result.record });
      if (result.ack) acked.push({ ...result.ack, instance: target.name, atMs: endMs });
      // A client of a dead instance fails at once, so the pause keeps it from spinning.
      const pause = result.record.status === 0 ? 100 : (options.pauseMs ?? 0);
      if (pause > 0) await new Promise((resolve) => setTimeout(resolve, pause));
    }
  };

  const clients = options.targets.flatMap((target) =>
    Array.from({ length: options.clientsPerTarget }, (_, index) => runClient(target, index)),
  );
  return {
    records,
    acked,
    elapsed,
    async stop() {
      stopped = true;
      await Promise.all(clients);
    },
  };
}

async function sendOne(
  client: ApiClient,
  kind: RequestKind,
  n: number,
  reply: { caseIds: number[]; marker: string },
): Promise<{
  record: { status: number; error?: string };
  ack?: { marker: string; messageId: number; caseId: number };
}> {
  if (kind === 'triage') {
    const response = await client.request('POST', '/triage', { text: QUESTIONS[n % 5]! });
    return { record: outcome(response) };
  }
  if (kind === 'search') {
    const term = encodeURIComponent(SEARCH_TERMS[n % 5]!);
    const response = await client.request('GET', `/cases?q=${term}&pageSize=10`);
    return { record: outcome(response) };
  }

  const caseId = reply.caseIds[n % reply.caseIds.length]!;
  // "Hello, this has been handled for you, please try again. Marker …"
  const text = `您好，已为您处理，请再试一次。标记 ${reply.marker}`;
  const response = await client.request<{ id?: number }>('POST', `/cases/${caseId}/messages`, {
    text,
  });
  const messageId = response.status === 201 ? response.body.id : undefined;
  if (typeof messageId !== 'number') return { record: outcome(response) };
  return { record: outcome(response), ack: { marker: reply.marker, messageId, caseId } };
}

function outcome(response: ApiResponse): { status: number; error?: string } {
  if (response.status === 0) return { status: 0, error: response.error };
  if (response.status >= 400) {
    const code = (response.body as { error?: { code?: string } } | undefined)?.error?.code;
    return { status: response.status, error: code ?? 'no error code' };
  }
  return { status: response.status };
}

/** Counts records by a key, for diagnostics such as `{"reply 201": 40, "search 0": 3}`. */
export function countBy<T>(items: T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

interface StoredMessage {
  id: number;
  case_id: number;
  text: string;
}

/** Returns the stored messages whose text contains a marker starting with `prefix`, by marker. */
export async function storedReplies(
  databaseUrl: string,
  prefix: string,
): Promise<Map<string, StoredMessage[]>> {
  const rows = await queryRows<StoredMessage>(
    databaseUrl,
    "SELECT id, case_id, text FROM messages WHERE text LIKE '%' || $1 || '%' ORDER BY id",
    [prefix],
  );
  const byMarker = new Map<string, StoredMessage[]>();
  const pattern = new RegExp(`${prefix}-[A-Za-z0-9]+-\\d{4}`);
  for (const row of rows) {
    const marker = pattern.exec(row.text)?.[0] ?? `unparsed: ${row.text}`;
    byMarker.set(marker, [...(byMarker.get(marker) ?? []), row]);
  }
  return byMarker;
}

/** Lists every acknowledged reply that is not stored exactly once with its id and case. */
export function replyProblems(acked: AckedReply[], stored: Map<string, StoredMessage[]>): string[] {
  const problems: string[] = [];
  for (const reply of acked) {
    const rows = stored.get(reply.marker) ?? [];
    if (rows.length === 0) problems.push(`lost: ${reply.marker} (message ${reply.messageId})`);
    else if (rows.length > 1) problems.push(`stored ${rows.length} times: ${reply.marker}`);
    else if (rows[0]!.id !== reply.messageId || rows[0]!.case_id !== reply.caseId) {
      problems.push(`${reply.marker} acknowledged as ${reply.messageId}, stored as ${rows[0]!.id}`);
    }
  }
  for (const [marker, rows] of stored) {
    if (rows.length > 1 && !acked.some((reply) => reply.marker === marker)) {
      problems.push(`unacknowledged reply stored ${rows.length} times: ${marker}`);
    }
  }
  return problems;
}
