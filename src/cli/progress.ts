import cliProgress from 'cli-progress';
import type { CliIO } from './io.js';

/** A progress callback and a function that removes the bar when the work is done. */
export interface Progress {
  update: (done: number, total: number) => void;
  stop: () => void;
}

/**
 * Draws a progress bar on stderr when stdout is a terminal, so piped or `--json` output stays
 * clean. Below `minTotal` items no bar is drawn, because short imports finish before it helps.
 */
export function createProgress(io: CliIO, label: string, minTotal = 2000): Progress {
  if (!io.stdout.isTTY || !io.stderr.isTTY) return { update: () => {}, stop: () => {} };

  let bar: cliProgress.SingleBar | undefined;
  return {
    update(done, total) {
      if (total < minTotal) return;
      if (!bar) {
        bar = new cliProgress.SingleBar(
          {
            stream: io.stderr,
            format: `${label} [{bar}] {percentage}% | {value}/{total} cases | {eta_formatted} left`,
            etaBuffer: 2000,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(total, 0);
      }
      if (done % 200 === 0 || done === total) bar.update(done);
    },
    stop() {
      bar?.stop();
    },
  };
}
