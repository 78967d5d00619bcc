/** Where progress and results go: clack's framed output with a TTY, plain lines without (CI logs). */
export interface Ui {
  intro(title: string): void;
  step(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  success(message: string): void;
  error(message: string, hint?: string): void;
  note(lines: string[], title: string): void;
  outro(message: string): void;
}

/** A {@link Ui} for the mode decided at start-up; @clack/prompts is loaded only for the interactive one. */
export async function createUi(interactive: boolean): Promise<Ui> {
  return interactive ? (await import('./clack-ui.js')).clackUi() : plainUi();
}

function plainUi(): Ui {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  return {
    intro: (title) => out(title),
    step: (message) => out(`- ${message}`),
    info: (message) => out(message),
    warn: (message) => process.stderr.write(`warning: ${message}\n`),
    success: (message) => out(`✔ ${message}`),
    error: (message, hint) => process.stderr.write(`error: ${message}\n${hint ? `  ${hint}\n` : ''}`),
    note: (lines) => out(`\n${lines.join('\n')}`),
    outro: (message) => out(message),
  };
}
