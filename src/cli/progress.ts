import cliProgress from 'cli-progress';
import type { CliIO } from './io.js';

/** A progress callback and a function that removes the bar when the work is done. */
export interface Progress {
  update: (doneBytes: number, totalBytes: number, cases: number) => void;
  stop: () => void;
}

// Inputs smaller than this finish in about a second, before a bar would help.
const MIN_BYTES = 4 * 1024 * 1024;

/**
 * Draws a progress bar on stderr when stdout is a terminal, so piped or `--json` output stays
 * clean. Progress is measured in input bytes, which are known before parsing starts, and the
 * bar also shows the cases processed so far.
 */
export function createProgress(io: CliIO, label: string): Progress {
  if (!io.stdout.isTTY || !io.stderr.isTTY) return { update: () => {}, stop: () => {} };

  let bar: cliProgress.SingleBar | undefined;
  return {
    update(doneBytes, totalBytes, cases) {
      if (totalBytes < MIN_BYTES) return;
      if (!bar) {
        bar = new cliProgress.SingleBar(
          {
            stream: io.stderr,
            format: `${label} [{bar}] {percentage}% | {cases} cases | {eta_formatted} left`,
            etaBuffer: 2000,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(totalBytes, 0, { cases: 0 });
      }
      if (cases % 200 === 0 || doneBytes >= totalBytes) bar.update(doneBytes, { cases });
    },
    stop() {
      bar?.stop();
    },
  };
}
