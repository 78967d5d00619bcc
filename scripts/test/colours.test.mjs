// The repository's scripts colour their output only on a terminal, and never against NO_COLOR.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { childEnvironment, colourEnabled, stylesFor } from '../lib/colours.mjs';

const terminal = { isTTY: true };
const pipe = { isTTY: false };

describe('colourEnabled', () => {
  it('colours a terminal and nothing else', () => {
    expect(colourEnabled(terminal, { TERM: 'xterm-256color' })).toBe(true);
    expect(colourEnabled(pipe, { TERM: 'xterm-256color' })).toBe(false);
    expect(colourEnabled({}, {})).toBe(false);
    expect(colourEnabled(terminal, { TERM: 'dumb' })).toBe(false);
  });

  it('NO_COLOR turns colour off, even on a terminal and even with FORCE_COLOR', () => {
    expect(colourEnabled(terminal, { NO_COLOR: '1' })).toBe(false);
    expect(colourEnabled(terminal, { NO_COLOR: '1', FORCE_COLOR: '1' })).toBe(false);
    // An empty NO_COLOR is not set (https://no-color.org).
    expect(colourEnabled(terminal, { NO_COLOR: '' })).toBe(true);
  });

  it('FORCE_COLOR turns colour on for a pipe, except 0 and false', () => {
    expect(colourEnabled(pipe, { FORCE_COLOR: '1' })).toBe(true);
    expect(colourEnabled(pipe, { FORCE_COLOR: '' })).toBe(true);
    expect(colourEnabled(terminal, { FORCE_COLOR: '0' })).toBe(false);
    expect(colourEnabled(terminal, { FORCE_COLOR: 'FALSE' })).toBe(false);
  });
});

describe('stylesFor', () => {
  it('wraps text in SGR codes only when colour is on', () => {
    const on = stylesFor(terminal, {});
    expect(on.bold('x')).toBe('\x1b[1mx\x1b[22m');
    expect(on.cyan('setup')).toBe('\x1b[36msetup\x1b[39m');
    const off = stylesFor(pipe, {});
    expect([off.bold('x'), off.cyan('x'), off.red('x'), off.green('x')]).toEqual(['x', 'x', 'x', 'x']);
  });
});

describe('childEnvironment', () => {
  it('without colour: NO_COLOR for the tools, and no FORCE_COLOR for Node to warn about', () => {
    expect(childEnvironment(false, { PATH: '/bin', FORCE_COLOR: '0', TERM: 'xterm' })).toEqual({
      PATH: '/bin',
      TERM: 'xterm',
      NO_COLOR: '1',
    });
  });

  it("with colour: the environment as it is, less FORCE_COLOR (which would clash with a test's NO_COLOR)", () => {
    const env = { PATH: '/bin', TERM: 'xterm', FORCE_COLOR: '1' };
    expect(childEnvironment(true, env)).toEqual({ PATH: '/bin', TERM: 'xterm' });
    expect(env.FORCE_COLOR).toBe('1');
  });
});

describe('the scripts', () => {
  it.each(['setup.mjs', 'check.mjs'])('%s styles its output only through lib/colours.mjs', (name) => {
    const source = readFileSync(new URL(`../${name}`, import.meta.url), 'utf8');
    expect(source).toContain("from './lib/colours.mjs'");
    for (const sequence of ['\\x1b', '\\u001b', '\\033', '\x1b']) expect(source).not.toContain(sequence);
  });
});
