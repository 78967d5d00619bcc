/**
 * Progress on stderr: a bar for a known amount (bytes sent), a spinner while waiting on Pinterest, and a plain
 * line per step. On a terminal the bar and spinner redraw one line; piped (CI, tests, `2> log`) each step is
 * one line, so logs stay readable.
 */

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const BAR_WIDTH = 24;

/** Draws progress for one command. */
export interface Progress {
  /** A bar: `label [#####-----] 40% (2.0 of 5.0 MB)`; `amount` words the part done (default megabytes). */
  bar(label: string, done: number, total: number, amount?: (done: number, total: number) => string): void;
  /** A spinner frame with a label (each call advances it). */
  spin(label: string): void;
  /** Ends the current bar or spinner with a final line. */
  step(line: string): void;
}

const megabytes = (bytes: number) => `${(bytes / 1_000_000).toFixed(1)} MB`;

/** `tty`: stderr is a terminal (redraw in place); otherwise one line per change of label or quarter. */
export function createProgress(write: (text: string) => void, tty: boolean): Progress {
  let live = false;
  let frame = 0;
  let lastLine = '';
  const draw = (line: string) => {
    if (tty) {
      write(`\r\x1b[2K${line}`);
      live = true;
    } else if (line !== lastLine) {
      write(`${line}\n`);
    }
    lastLine = line;
  };
  return {
    bar(label, done, total, amount = (d, t) => `${megabytes(d)} of ${megabytes(t)}`) {
      const ratio = total > 0 ? Math.min(1, done / total) : 1;
      const filled = Math.round(ratio * BAR_WIDTH);
      const percent = Math.floor(ratio * 100);
      // Piped output: a line at 0, 25, 50, 75 and 100 %, not one per chunk.
      const shown = tty ? percent : Math.floor(percent / 25) * 25;
      draw(
        `${label} [${'#'.repeat(tty ? filled : Math.round((shown / 100) * BAR_WIDTH)).padEnd(BAR_WIDTH, '-')}] ${shown}% (${amount(Math.min(done, total), total)})`,
      );
    },
    spin(label) {
      draw(tty ? `${SPINNER[frame++ % SPINNER.length]} ${label}` : `… ${label}`);
    },
    step(line) {
      if (live) write('\r\x1b[2K');
      live = false;
      write(`${line}\n`);
      lastLine = line;
    },
  };
}
