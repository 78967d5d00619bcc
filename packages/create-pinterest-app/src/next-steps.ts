import type { PinterestSetup } from './env-file.js';
import { installCommand, type PackageManager, runScriptCommand } from './package-manager.js';
import type { TemplateInfo } from './templates.js';

/** What the user typed to reach the project, and what has already been done for them. */
export interface NextStepsInput {
  /** The folder as the user wrote it; undefined when it is the current folder. */
  cdPath: string | undefined;
  pm: PackageManager;
  installed: boolean;
  setup: PinterestSetup;
  template: Pick<TemplateInfo, 'devScript' | 'firstRun'>;
}

/** Quotes a path for a POSIX shell when it needs it. */
export function shellQuote(value: string): string {
  return /^[A-Za-z0-9_./@:+-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * The commands to run next, in the chosen package manager's words, then how to reach Pinterest: the exact
 * redirect URI to register and where, or how the mock works.
 */
export function renderNextSteps(input: NextStepsInput): string[] {
  const commands: string[] = [];
  if (input.cdPath !== undefined) commands.push(`cd ${shellQuote(input.cdPath)}`);
  if (!input.installed) commands.push(installCommand(input.pm).join(' '));
  commands.push(runScriptCommand(input.pm, input.template.devScript).join(' '));

  const lines = ['Next steps:', ...commands.map((command) => `  ${command}`), ''];
  if (input.setup.kind === 'mock') {
    lines.push(
      'Runs against the embedded Pinterest mock: no Pinterest account or app needed.',
      `Then ${firstRun(input.template, "the mock's consent page")}`,
      'To switch to your real app later: set PINTEREST_APP_ID and PINTEREST_APP_SECRET in .env,',
      `and register ${input.setup.redirectUri} as a redirect URI (see below).`,
    );
  } else {
    lines.push(`Then ${firstRun(input.template, "Pinterest's consent page")}`);
    if (input.setup.appSecret === '') {
      lines.push(
        'Add your app secret to .env first: PINTEREST_APP_SECRET=… (My apps → your app → App secret key).',
      );
    }
  }
  lines.push(
    '',
    'Register this redirect URI with your Pinterest app, exactly as written:',
    `  ${input.setup.redirectUri}`,
    '  developers.pinterest.com → My apps → your app → Configure → Redirect URIs → Add',
  );
  return lines;
}

/** The template's first-run sentence, `{consent}` naming the consent page the user will see. */
function firstRun(template: Pick<TemplateInfo, 'firstRun'>, consent: string): string {
  return template.firstRun.replaceAll('{consent}', consent);
}
