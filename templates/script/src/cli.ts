#!/usr/bin/env -S npx tsx
/**
 * `pinterest <command>` — see `--help`, or the README. Loads `.env` from the working directory first (real
 * environment variables win).
 */
import { existsSync } from 'node:fs';
import { runCli } from './run.js';

if (existsSync('.env')) process.loadEnvFile('.env');

const code = await runCli(process.argv.slice(2), {
  env: process.env,
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  errIsTTY: process.stderr.isTTY === true,
});
process.exitCode = code;
