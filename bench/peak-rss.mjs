// Preloaded (`node --import`) into the `casebook import` process that bench/run.ts times: on exit
// it writes the process's peak resident set size, in KiB, to $CASEBOOK_BENCH_PEAK_FILE.
import { writeFileSync } from 'node:fs';

const file = process.env.CASEBOOK_BENCH_PEAK_FILE;
if (file) {
  process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
}
