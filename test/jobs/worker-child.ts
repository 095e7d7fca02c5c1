/**
 * A casebook instance for the crash test, run as its own process:
 *
 *   node --import tsx test/jobs/worker-child.ts POSTGRES_URL SCHEMA
 *
 * It takes "blocking" jobs from the queue in SCHEMA and prints `started JOB_ID` for each. The
 * handler never returns, so the test can kill the process in the middle of the run.
 */
import { PgBossJobQueue } from '../../src/jobs/index.js';

const [connectionString, schema] = process.argv.slice(2);
if (!connectionString || !schema) {
  process.stderr.write('usage: worker-child.ts POSTGRES_URL SCHEMA\n');
  process.exit(2);
}

const queue = new PgBossJobQueue({ connectionString, schema, pollingIntervalSeconds: 0.5 });
queue.register('blocking', async (_payload, { jobId }) => {
  process.stdout.write(`started ${jobId}\n`);
  await new Promise(() => undefined);
});
await queue.start();
process.stdout.write('ready\n');
