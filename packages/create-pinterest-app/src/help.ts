import type { TemplateInfo } from './templates.js';

/**
 * The --help text: every flag, its values and the default taken without a prompt, and how to start before
 * the kit's first release (`fromCheckout`: this copy runs from a clone of the repository).
 */
export function renderHelp(
  version: string,
  templates: readonly TemplateInfo[],
  fromCheckout: boolean,
): string {
  const width = Math.max(...templates.map((t) => t.name.length));
  const templateLines = templates.map(
    (t) => `                          ${t.name.padEnd(width)}  ${t.description}`,
  );
  return `create-pinterest-app ${version}
Scaffold an app that logs in with Pinterest (OAuth 2, Pinterest API v5).

Usage:
  npm run create-app -- [dir] [options]       today: at the root of a clone of the kit's repository
  npm create pinterest-app@latest [dir] -- [options]     once the kit is on npm, or:
  pnpm create pinterest-app [dir] [options]
  yarn create pinterest-app [dir] [options]
  bun create pinterest-app [dir] [options]

Before the kit's first release its packages are not on npm: start from a clone of the repository, where
\`npm run create-app -- my-app\` builds the kit and runs this command. Run from a clone, it packs the kit
packages the template needs into <dir>/.kit-packages/ and points package.json at them (file: links), so the
app installs and runs anywhere. After the first release, \`npm create pinterest-app@latest\` needs no clone and
the app depends on the published packages.${fromCheckout ? '\nThis copy runs from a clone: the kit packages will be packed into the new app.' : ''}

Arguments:
  dir                     project folder, below the current one (an absolute path goes anywhere)
                          default: pinterest-app

Options:
  -t, --template <name>   what to build (default: fastify):
${templateLines.join('\n')}
      --name <name>       package.json name (default: the folder name, made a valid npm name)
      --mock              use the embedded Pinterest mock: no Pinterest account or app needed
      --app-id <id>       your Pinterest App ID (without it, and without a TTY: --mock)
      --redirect-uri <u>  redirect URI registered with your app (default: the template's,
                          e.g. http://localhost:3000/auth/callback for fastify)
      --scopes <list>     comma-separated scopes (default: user_accounts:read,boards:read,pins:read)
      --pm <name>         npm | pnpm | yarn | bun (default: the one running this command)
      --install           install dependencies (default)
      --no-install        skip installing
      --git               git init and a first commit (default; skipped inside a git work tree)
      --no-git            no git repository
      --overwrite <mode>  when the folder is not empty:
                            cancel  stop and change nothing (default)
                            clear   delete everything in it except .git
                            merge   add the template's files, replacing files of the same name
  -y, --yes               accept the default for every question not answered by a flag
      --interactive       ask questions (default when stdin and stdout are a terminal and CI is unset)
      --no-interactive    never ask: missing answers take the defaults above
  -h, --help              show this help
  -v, --version           show the version

The app secret has no flag on purpose: a command line ends up in shell history and process lists.
Type it at the prompt (masked) or set PINTEREST_APP_SECRET in the environment; it is written only to
the project's .env, which is git-ignored.

Examples:
  npm create pinterest-app@latest my-app -- --template fastify --mock --yes
  pnpm create pinterest-app my-app --template react-spa --app-id 1234567
  PINTEREST_APP_SECRET=… npx create-pinterest-app my-script --template script --app-id 1234567 --yes
`;
}
