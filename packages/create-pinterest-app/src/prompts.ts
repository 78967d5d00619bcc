import * as clack from '@clack/prompts';
import type { OverwriteMode } from './args.js';
import { CliError } from './errors.js';
import { packageNameProblems } from './package-name.js';
import type { ScopeInfo } from './scopes.js';
import type { TemplateInfo } from './templates.js';

/** Ctrl-C or Escape at any prompt: stop before anything is written. */
function answered<T>(value: T): Exclude<T, symbol> {
  if (clack.isCancel(value)) {
    clack.cancel('Cancelled. Nothing was written.');
    throw new CliError('CANCELLED', 'Cancelled. Nothing was written.');
  }
  return value as Exclude<T, symbol>;
}

/** Project folder; `check` returns a problem to show under the input, or undefined. */
export async function askProjectFolder(
  defaultDir: string,
  check: (value: string) => string | undefined,
): Promise<string> {
  const value = await clack.text({
    message: 'Project folder',
    placeholder: defaultDir,
    defaultValue: defaultDir,
    validate: (input) => check(input === undefined || input === '' ? defaultDir : input),
  });
  return answered(value);
}

/** Package name, offered when the folder name is not a valid one. */
export async function askPackageName(suggestion: string): Promise<string> {
  const value = await clack.text({
    message: 'Package name (the folder name is not a valid npm name)',
    initialValue: suggestion,
    validate: (input) => {
      const problems = packageNameProblems(input ?? '');
      return problems.length > 0 ? `Invalid: ${problems.join('; ')}` : undefined;
    },
  });
  return answered(value);
}

/** What to do with a folder that holds files; the safe choice comes first (S2). */
export async function askOverwrite(display: string, count: number): Promise<OverwriteMode> {
  const value = await clack.select<OverwriteMode>({
    message: `"${display}" is not empty (${count} ${count === 1 ? 'entry' : 'entries'}). What now?`,
    options: [
      { value: 'cancel', label: 'Cancel', hint: 'change nothing' },
      { value: 'merge', label: 'Merge', hint: "add the template's files, replacing same-name files" },
      { value: 'clear', label: 'Clear', hint: 'delete everything in it except .git' },
    ],
    initialValue: 'cancel',
  });
  return answered(value);
}

/** Template, with its one-line description. */
export async function askTemplate(templates: readonly TemplateInfo[]): Promise<string> {
  const value = await clack.select<string>({
    message: 'Template',
    options: templates.map((t) => ({ value: t.name, label: t.name, hint: t.description })),
    initialValue: templates.find((t) => t.name === 'fastify')?.name ?? templates[0]?.name,
  });
  return answered(value);
}

/** App ID; empty means "use the embedded mock". */
export async function askAppId(validate: (value: string) => string | undefined): Promise<string> {
  const value = await clack.text({
    message: 'Pinterest App ID (leave empty to use the embedded Pinterest mock)',
    placeholder: 'e.g. 1234567 — My apps → your app',
    defaultValue: '',
    validate: (input) => (input === undefined || input === '' ? undefined : validate(input)),
  });
  return answered(value).trim();
}

/** App secret, masked; goes only to .env. Empty = fill in later. */
export async function askAppSecret(): Promise<string> {
  const value = await clack.password({
    message: 'Pinterest app secret (hidden; written only to .env — leave empty to add it later)',
    validate: (input) => (input !== undefined && /[\r\n]/.test(input) ? 'One line only' : undefined),
  });
  return answered(value ?? '');
}

/** Scopes, each with its meaning; `all` in Pinterest's order. */
export async function askScopes(all: readonly ScopeInfo[], initial: readonly string[]): Promise<string[]> {
  const value = await clack.multiselect<string>({
    message: 'Scopes to request',
    options: all.map((scope) => ({ value: scope.name, label: scope.name, hint: scope.meaning })),
    initialValues: [...initial],
    required: true,
    maxItems: 10,
  });
  const chosen = answered(value);
  // Pinterest's order, whatever the clicks
  return all.map((scope) => scope.name).filter((scope) => chosen.includes(scope));
}

/** A yes/no question. */
export async function askConfirm(message: string, initialValue: boolean): Promise<boolean> {
  return answered(await clack.confirm({ message, initialValue }));
}
