// Colour for the repository's own scripts, only where it helps: on a terminal. Log files, pipes and CI get
// plain text, so nobody reads raw escape sequences.

/** Values of FORCE_COLOR that ask for no colour (Node's own reading of the variable). */
const FORCE_OFF = new Set(['0', 'false']);

/**
 * Whether output to `stream` should be coloured: never when NO_COLOR is set (https://no-color.org), always when
 * FORCE_COLOR is (unless `0`/`false`), otherwise only when the stream is a terminal that is not `TERM=dumb`.
 */
export function colourEnabled(stream, env = process.env) {
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR !== undefined) return !FORCE_OFF.has(env.FORCE_COLOR.toLowerCase());
  return stream.isTTY === true && env.TERM !== 'dumb';
}

/** Styling functions for `stream`; each returns its text unchanged when colour is off. */
export function stylesFor(stream, env = process.env) {
  const on = colourEnabled(stream, env);
  const style = (open, close) => (text) => (on ? `\x1b[${open}m${text}\x1b[${close}m` : text);
  return { enabled: on, bold: style(1, 22), cyan: style(36, 39), red: style(31, 39), green: style(32, 39) };
}

/**
 * The environment for the tools a script runs with inherited output, FORCE_COLOR left out: Node warns when it
 * meets NO_COLOR too, which tests set for their own child processes. With colour off the tools are told so with
 * NO_COLOR, since some (vitest) colour whenever TERM is set, terminal or not; with colour on they decide.
 */
export function childEnvironment(colour, env = process.env) {
  const { FORCE_COLOR: _dropped, ...rest } = env;
  return colour ? rest : { ...rest, NO_COLOR: '1' };
}
