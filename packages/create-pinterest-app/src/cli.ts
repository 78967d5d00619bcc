#!/usr/bin/env node
/**
 * create-pinterest-app: reads top to bottom as numbered steps. Each answer is taken from its flag, else
 * from a prompt (only in interactive mode, decided before any prompt), else from its documented default.
 * Nothing is written before step 14 (step 13 packs kit packages into a temporary folder, from a checkout),
 * and step 14 writes all or nothing.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type CliArgs, type OverwriteMode, parseCliArgs, validateAppId } from './args.js';
import { findCheckout, KIT_PACKAGES_DIR } from './checkout.js';
import type { PinterestSetup } from './env-file.js';
import { CliError } from './errors.js';
import { renderHelp } from './help.js';
import { renderNextSteps } from './next-steps.js';
import { detectPackageManager, installCommand } from './package-manager.js';
import { packageNameProblems, toValidPackageName } from './package-name.js';
import { findEnclosingPnpmWorkspace, renderPnpmWorkspace } from './pnpm.js';
import { writeProject } from './scaffold.js';
import { inspectTarget, resolveTarget, type Target, targetBaseName } from './target.js';
import { bundledTemplatesDir, loadManifest, type TemplateManifest } from './templates.js';
import { createUi, type Ui } from './ui.js';

const DEFAULT_DIR = 'pinterest-app';
const DEFAULT_TEMPLATE = 'fastify';

async function main(argv: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<number> {
  // 1. The templates bundled into this package at build time, their manifest, and our version.
  const templatesDir = bundledTemplatesDir();
  const manifest = loadManifest(templatesDir);
  const { templates } = manifest;
  const version = readOwnVersion();
  const checkout = findCheckout();

  // 2. Flags, strictly: unknown flags and bad values stop here with a hint.
  const args = parseCliArgs(
    argv,
    templates.map((t) => t.name),
    manifest.scopes.map((s) => s.name),
  );
  if (args.help) return print(renderHelp(version, templates, checkout !== undefined));
  if (args.version) return print(`${version}\n`);

  // 3. Interactive or not — decided before any prompt, since a prompt without a terminal never settles.
  const interactive = decideInteractive(args, env);
  const prompting = interactive && !args.yes;
  const ui = await createUi(interactive);
  ui.intro(`create-pinterest-app ${version}`);
  try {
    return await scaffold(args, { env, cwd, prompting, ui, templatesDir, manifest, checkout });
  } catch (error) {
    if (error instanceof CliError && error.code === 'CANCELLED') return error.exitCode;
    throw error;
  }
}

interface Context {
  env: NodeJS.ProcessEnv;
  cwd: string;
  prompting: boolean;
  ui: Ui;
  templatesDir: string;
  manifest: TemplateManifest;
  /** The repository root when running from a checkout of the kit (kit packages are packed from it). */
  checkout: string | undefined;
}

/** The prompts module (and @clack/prompts with it) is loaded only when there is something to ask. */
function prompts(): Promise<typeof import('./prompts.js')> {
  return import('./prompts.js');
}

async function scaffold(args: CliArgs, ctx: Context): Promise<number> {
  const { env, cwd, prompting, ui } = ctx;
  const { templates } = ctx.manifest;
  const ask = prompting ? await prompts() : undefined;

  // 4. Project folder: [dir], else prompt, else `pinterest-app`. Never outside the current tree unless absolute.
  const target: Target =
    args.dir !== undefined
      ? resolveTarget(args.dir, cwd)
      : ask
        ? resolveTarget(await ask.askProjectFolder(DEFAULT_DIR, (value) => targetProblem(value, cwd)), cwd)
        : resolveTarget(DEFAULT_DIR, cwd);

  // git's answer (installed? inside a work tree?) is asked now and awaited at step 12: meanwhile the CLI
  // gets on with the other steps. Only the modules a run needs are loaded (child processes: only here).
  const gitModule = args.git === false ? undefined : import('./git.js');
  const gitProbe = gitModule
    ? gitModule.then((g) => g.gitStatus(nearestExisting(target.path), env))
    : Promise.resolve('unavailable' as const);

  // 5. Package name: --name, else the folder name if valid, else a normalised one (confirmed at a prompt).
  const packageName = await choosePackageName(args, target, ask, ui);

  // 6. Existing files: --overwrite, else prompt, else cancel (S2: never changed without an explicit choice).
  const state = inspectTarget(target.path);
  let overwrite: OverwriteMode = args.overwrite ?? 'cancel';
  if (state.entries.length > 0) {
    if (args.overwrite === undefined && ask)
      overwrite = await ask.askOverwrite(target.display, state.entries.length);
    if (overwrite === 'cancel') {
      if (args.overwrite === undefined && ask) {
        ui.outro('Cancelled. Nothing was written.');
        throw new CliError('CANCELLED', 'Cancelled. Nothing was written.');
      }
      throw new CliError(
        'TARGET_NOT_EMPTY',
        `"${target.display}" is not empty (${state.entries.length} entries); nothing was changed.`,
        {
          hint: 'Choose another folder, or pass --overwrite merge (keep other files) or --overwrite clear (delete all but .git).',
        },
      );
    }
  }

  // 7. Template: --template, else prompt, else fastify.
  const templateName = args.template ?? (ask ? await ask.askTemplate(templates) : DEFAULT_TEMPLATE);
  const template = templates.find((t) => t.name === templateName);
  if (template === undefined) {
    throw new CliError(
      'TEMPLATES_MISSING',
      `The default template "${templateName}" is not bundled in this build.`,
      {
        hint: `Pass --template with one of: ${templates.map((t) => t.name).join(', ')}.`,
      },
    );
  }

  // 8. Pinterest app: --mock / --app-id, else prompt (empty = mock), else the mock.
  const appId = args.mock ? undefined : (args.appId ?? (ask ? await askAppIdOrMock(ask) : undefined));
  if (!args.mock && appId === undefined && !prompting) {
    ui.info('No --app-id given: configured for the embedded Pinterest mock (pass --app-id to use your app).');
  }

  // 9. App secret (only with an app id): env PINTEREST_APP_SECRET, else masked prompt, else empty for later.
  //    There is deliberately no flag (S3); the secret goes to .env only and is shown as a fingerprint.
  let appSecret = '';
  if (appId !== undefined) {
    appSecret = env.PINTEREST_APP_SECRET ?? (ask ? await ask.askAppSecret() : '');
    if (appSecret !== '')
      ui.info(`App secret: kept for .env only (fingerprint ${await fingerprint(appSecret)}).`);
    else ui.warn('No app secret yet: add PINTEREST_APP_SECRET to .env before you log in.');
  }

  // 10. Redirect URI: --redirect-uri, else the template's default (what the mock registers too).
  const redirectUri = args.redirectUri ?? template.redirectUri;

  // 11. Scopes: --scopes, else multi-select, else the manifest's defaults (user_accounts:read, boards:read,
  //     pins:read).
  const { defaultScopes } = ctx.manifest;
  const scopes =
    args.scopes ?? (ask ? await ask.askScopes(ctx.manifest.scopes, defaultScopes) : [...defaultScopes]);
  const setup: PinterestSetup =
    appId === undefined
      ? { kind: 'mock', redirectUri, scopes }
      : { kind: 'app', appId, appSecret, redirectUri, scopes };

  // 12. Package manager, install, git: --pm, else the one running us; --[no-]install / --[no-]git, else prompt,
  //     else yes. No git repository inside an existing work tree (no nested repos).
  const pm = args.pm ?? detectPackageManager(env.npm_config_user_agent);
  const install =
    args.install ?? (ask ? await ask.askConfirm(`Install dependencies with ${pm}?`, true) : true);
  const gitPossible = (await gitProbe) === 'outside-work-tree';
  const git =
    gitPossible && (args.git ?? (ask ? await ask.askConfirm('Initialise a git repository?', true) : true));

  // 13. From a checkout (before the kit is on npm): pack the kit packages the template needs.
  let packed: { dir: string; specs: Record<string, string> } | undefined;
  if (ctx.checkout !== undefined && template.kitPackages.length > 0) {
    ui.step(`Packing ${template.kitPackages.join(', ')} from the checkout ${ctx.checkout} (pnpm pack)`);
    const { packKitPackages } = await import('./kit-pack.js');
    packed = await packKitPackages(ctx.checkout, template.kitPackages);
  }

  // 14. Write the project, all or nothing. With pnpm outside a pnpm workspace, approve esbuild's build script.
  const enclosingWorkspace = pm === 'pnpm' ? findEnclosingPnpmWorkspace(dirname(target.path)) : undefined;
  const extraFiles: Record<string, string> =
    pm === 'pnpm' && !enclosingWorkspace ? { 'pnpm-workspace.yaml': renderPnpmWorkspace(packed?.specs) } : {};
  if (enclosingWorkspace)
    ui.info(`Inside the pnpm workspace ${enclosingWorkspace}: allow esbuild's build there.`);
  ui.step(`Writing ${template.name} project to ${target.path}`);
  // git init runs while the files are built; the first commit follows once they are in place.
  const gitInit = git && gitModule ? await gitModule : undefined;
  let initialised: Promise<{ ok: boolean; reason?: string }> | undefined;
  try {
    await writeProject({
      templateDir: join(ctx.templatesDir, template.name),
      targetPath: target.path,
      overwrite,
      packageName,
      kit: { versions: ctx.manifest.kitPackages, ...(packed ? { tarballs: packed.specs } : {}) },
      ...(packed ? { kitTarballsDir: packed.dir } : {}),
      setup,
      extraFiles,
      ...(gitInit
        ? {
            alongside: {
              start: (root: string) => {
                initialised = gitInit.initRepository(root, env);
                return initialised;
              },
              undo: (root: string) => gitInit.removeRepository(root),
            },
          }
        : {}),
    });
  } finally {
    if (packed) rmSync(packed.dir, { recursive: true, force: true });
  }
  ui.success(
    `Created ${packageName} (${setup.kind === 'mock' ? 'embedded Pinterest mock' : `app ${appId}`}).`,
  );
  if (packed) {
    ui.info(
      `The kit is not on npm yet: ${Object.keys(packed.specs).join(', ')} ${Object.keys(packed.specs).length === 1 ? 'comes' : 'come'} from ${KIT_PACKAGES_DIR}/ in the project (packed from this checkout; file: links in package.json, so the folder can be moved). Keep ${KIT_PACKAGES_DIR}/ with the project until the kit's first release.`,
    );
  }

  // 15. Install dependencies, the package manager's output streamed.
  let installed = false;
  let exitCode = 0;
  if (install) {
    ui.step(`Installing dependencies: ${installCommand(pm).join(' ')}`);
    const { installDependencies } = await import('./install.js');
    const code = await installDependencies(pm, target.path);
    installed = code === 0;
    if (installed) ui.success('Dependencies installed.');
    else {
      exitCode = 1;
      ui.error(
        `${installCommand(pm).join(' ')} failed (exit ${code}).`,
        'The project is complete; run the install again in it.',
      );
    }
  }

  // 16. The first commit (.env is git-ignored), in the repository `git init` made during step 14.
  if (gitInit && initialised) {
    const init = await initialised;
    if (!init.ok) gitInit.removeRepository(target.path);
    const result = init.ok
      ? await gitInit.commitAll(target.path, { env, fresh: state.entries.length === 0 })
      : init;
    if (result.ok) ui.success('Initialised a git repository with a first commit.');
    else ui.warn(`Skipped git: ${result.reason}`);
  }

  // 17. Next steps in the chosen package manager's words.
  ui.note(
    renderNextSteps({ cdPath: target.isCwd ? undefined : target.display, pm, installed, setup, template }),
    'Next steps',
  );
  ui.outro(exitCode === 0 ? 'Done.' : 'Done, with the error above.');
  return exitCode;

  async function askAppIdOrMock(asking: Prompts): Promise<string | undefined> {
    const value = await asking.askAppId((input) => problemOf(() => validateAppId(input)));
    return value === '' ? undefined : value;
  }
}

/** `--[no-]interactive`, else interactive only with a TTY on stdin and stdout and CI unset. */
function decideInteractive(args: CliArgs, env: NodeJS.ProcessEnv): boolean {
  const hasTty = Boolean(process.stdin.isTTY && process.stdout.isTTY);
  if (args.interactive === true && !hasTty) {
    throw new CliError('NO_TTY', '--interactive needs a terminal on stdin and stdout.', {
      hint: 'Drop --interactive and pass the answers as flags (see --help), or run it in a terminal.',
    });
  }
  if (args.interactive !== undefined) return args.interactive;
  const ci = env.CI !== undefined && env.CI !== '' && env.CI !== '0' && env.CI.toLowerCase() !== 'false';
  return hasTty && !ci;
}

type Prompts = typeof import('./prompts.js');

async function choosePackageName(
  args: CliArgs,
  target: Target,
  ask: Prompts | undefined,
  ui: Ui,
): Promise<string> {
  if (args.name !== undefined) {
    const problems = packageNameProblems(args.name);
    if (problems.length > 0) {
      const suggestion = toValidPackageName(args.name);
      throw new CliError('INVALID_NAME', `Invalid --name "${args.name}": ${problems.join('; ')}.`, {
        hint: suggestion ? `Try --name ${suggestion}.` : 'Use lowercase letters, digits and "-".',
      });
    }
    return args.name;
  }
  const folderName = targetBaseName(target);
  if (packageNameProblems(folderName).length === 0) return folderName;
  const suggestion = toValidPackageName(folderName);
  if (ask) return ask.askPackageName(suggestion ?? '');
  if (suggestion === undefined) {
    throw new CliError('INVALID_NAME', `"${folderName}" cannot be made into a valid npm package name.`, {
      hint: 'Pass --name my-app.',
    });
  }
  ui.info(
    `Package name: ${suggestion} ("${folderName}" is not a valid npm package name; pass --name to choose).`,
  );
  return suggestion;
}

function targetProblem(value: string, cwd: string): string | undefined {
  return problemOf(() => resolveTarget(value, cwd));
}

function problemOf(check: () => unknown): string | undefined {
  try {
    check();
    return undefined;
  } catch (error) {
    return error instanceof CliError ? error.message : String(error);
  }
}

/** The path itself or its closest existing ancestor (the target may not exist yet). */
function nearestExisting(path: string): string {
  let current = path;
  while (!existsSync(current) && dirname(current) !== current) current = dirname(current);
  return current;
}

/** First 8 hex characters of SHA-256: enough to recognise a secret, useless to steal it. */
async function fingerprint(secret: string): Promise<string> {
  const { createHash } = await import('node:crypto'); // loaded only when there is a secret
  return createHash('sha256').update(secret).digest('hex').slice(0, 8);
}

function readOwnVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

function print(text: string): number {
  process.stdout.write(text);
  return 0;
}

main(process.argv.slice(2), process.env, process.cwd()).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof CliError) {
      if (error.code !== 'CANCELLED') {
        process.stderr.write(`error: ${error.message}\n${error.hint ? `  ${error.hint}\n` : ''}`);
      }
      process.exitCode = error.exitCode;
      return;
    }
    process.stderr.write(`create-pinterest-app crashed: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  },
);
