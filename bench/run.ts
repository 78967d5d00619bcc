/**
 * Runs every suite in ./suites (or only those whose file name contains an argument), one after another so
 * they do not compete for the two cores: `pnpm bench` or `pnpm bench mock auth`.
 */
import { readdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const filters = process.argv.slice(2);
const suites = readdirSync(new URL('./suites/', import.meta.url))
  .filter((file) => file.endsWith('.bench.ts'))
  .filter((file) => filters.length === 0 || filters.some((f) => file.includes(f)))
  .sort();

if (suites.length === 0) {
  process.stderr.write(
    `bench: no suite matches ${filters.join(', ')}; suites are in bench/suites/*.bench.ts\n`,
  );
  process.exit(1);
}
for (const file of suites) {
  process.stdout.write(`\n# ${file}\n`);
  const suite = await import(pathToFileURL(new URL(`./suites/${file}`, import.meta.url).pathname).href);
  await suite.run();
}
