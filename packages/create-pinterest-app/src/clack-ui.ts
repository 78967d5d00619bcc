import * as clack from '@clack/prompts';
import type { Ui } from './ui.js';

/** clack's framed output, for a terminal (loaded only then: non-interactive runs never pay for it). */
export function clackUi(): Ui {
  return {
    intro: (title) => clack.intro(title),
    step: (message) => clack.log.step(message),
    info: (message) => clack.log.info(message),
    warn: (message) => clack.log.warn(message),
    success: (message) => clack.log.success(message),
    error: (message, hint) => clack.log.error(hint ? `${message}\n${hint}` : message),
    note: (lines, title) => clack.note(lines.join('\n'), title),
    outro: (message) => clack.outro(message),
  };
}
