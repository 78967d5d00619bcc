// Type tests of the typed client. Two layers:
// - test/types/client-calls.ts: expectTypeOf / @ts-expect-error lines checked by `tsc` (the package's typecheck);
// - the tests compile programs with the TypeScript compiler: one call of each of the spec's 231 operations
//   must compile, and each deliberately wrong call must fail with the expected diagnostic.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';

const spec = JSON.parse(
  readFileSync(createRequire(import.meta.url).resolve('@kit/pinterest-spec/openapi-v5.json'), 'utf8'),
);
const METHODS = ['get', 'post', 'patch', 'put', 'delete'] as const;

interface SpecParameter {
  $ref?: string;
  name?: string;
  in?: string;
  required?: boolean;
  schema?: { enum?: unknown[]; $ref?: string };
}
/** A value the path parameter accepts: its first enum value, else '1'. */
const sample = (p: SpecParameter): string => {
  const schema = p.schema?.$ref
    ? spec.components.schemas[p.schema.$ref.split('/').at(-1) as string]
    : p.schema;
  return JSON.stringify(schema?.enum?.[0] ?? '1');
};
const resolveParam = (p: SpecParameter): SpecParameter =>
  p.$ref ? spec.components.parameters[p.$ref.split('/').at(-1) as string] : p;

const operations = Object.entries(spec.paths as Record<string, Record<string, unknown>>).flatMap(
  ([path, item]) =>
    METHODS.filter((m) => item[m]).map((method) => {
      const op = item[method] as { parameters?: SpecParameter[]; requestBody?: { required?: boolean } };
      const params = (op.parameters ?? []).map(resolveParam);
      return {
        path,
        method,
        pathParams: params.filter((p) => p.in === 'path').map((p) => `${p.name}: ${sample(p)}`),
        needsMore: params.some((p) => p.in === 'query' && p.required) || op.requestBody?.required === true,
      };
    }),
);

// `.js`, as NodeNext imports spell it; the compiler finds src/index.ts.
const src = fileURLToPath(new URL('../src/index.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'auth-core-types-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const configFile = ts.readConfigFile(
  fileURLToPath(new URL('../tsconfig.json', import.meta.url)),
  ts.sys.readFile,
);
const { options } = ts.parseJsonConfigFileContent(
  configFile.config,
  ts.sys,
  fileURLToPath(new URL('..', import.meta.url)),
);

/** Compiles `files` (name → source) against the package's sources; diagnostics per file name. */
function compile(files: Record<string, string>): Record<string, readonly ts.Diagnostic[]> {
  const roots = Object.entries(files).map(([name, text]) => {
    const file = join(dir, `${name}.mts`);
    writeFileSync(file, text);
    return file;
  });
  const program = ts.createProgram(roots, { ...options, noEmit: true, noUnusedLocals: false });
  return Object.fromEntries(
    Object.keys(files).map((name) => {
      const sourceFile = program.getSourceFile(join(dir, `${name}.mts`));
      return [
        name,
        [...program.getSemanticDiagnostics(sourceFile), ...program.getSyntacticDiagnostics(sourceFile)],
      ];
    }),
  );
}

const header = `import type { OptionsArg, PathsWith, PinterestClient, ResponseBody } from ${JSON.stringify(src)};
declare const client: PinterestClient;
declare function rest<P extends PathsWith<M>, M extends 'get' | 'post' | 'patch' | 'put' | 'delete'>(): OptionsArg<P, M>;
type NotNever<T> = [T] extends [never] ? false : true;
const isTrue = (_: true) => {};
`;

/** One call of each operation of the spec, with the path parameters spelt out. */
const allCalls = operations.map(({ path, method, pathParams, needsMore }, i) => {
  const literal = JSON.stringify(path);
  const args = needsMore
    ? `...rest<${literal}, '${method}'>()`
    : pathParams.length > 0
      ? `{ path: { ${pathParams.join(', ')} } }`
      : '';
  return `export const call${i} = client.${method}(${literal}${args ? `, ${args}` : ''});
isTrue(null as unknown as NotNever<ResponseBody<${literal}, '${method}'>>);`;
});

/** Calls that must not compile. */
const wrong: Record<string, string> = {
  misspeltPath: `client.get('/boardz');`,
  missingPathParameter: `client.get('/boards/{board_id}/pins', { query: { page_size: 10 } });`,
  missingOptions: `client.get('/boards/{board_id}');`,
  wrongPathParameter: `client.get('/boards/{board_id}', { path: { boardId: '1' } });`,
  wrongBodyField: `client.post('/boards', { body: { name: 'x', colour: 'red' } });`,
  wrongQueryField: `client.get('/boards', { query: { pagesize: 10 } });`,
  missingResponseField: `client.get('/user_account').then((account) => account.email);`,
  paginateNonList: `client.paginate('/user_account');`,
  paginateNonListWithParams: `client.paginate('/boards/{board_id}', { path: { board_id: '1' } });`,
  postOnGetOnlyPath: `client.post('/user_account');`,
  paginateWithoutRequiredQuery: `client.paginate('/search/pins');`,
};
/** Their right twins, which must compile (so a wrong one fails for what is wrong with it, not for its setup). */
const controls: Record<string, string> = {
  rightPath: `client.get('/boards/{board_id}/pins', { path: { board_id: '1' }, query: { page_size: 10 } });`,
  rightBody: `client.post('/boards', { body: { name: 'x', privacy: 'PUBLIC' } });`,
  rightField: `client.get('/user_account').then((account) => account.username);`,
  rightPaginate: `client.paginate('/boards/{board_id}/pins', { path: { board_id: '1' } });`,
  rightPaginateQuery: `client.paginate('/search/pins', { query: { query: 'soup' } });`,
};

// One program for every fixture (compiling the generated types once is most of the cost).
let compiled: Record<string, readonly ts.Diagnostic[]> | undefined;
const diagnosticsOf = (name: string) => {
  compiled ??= compile({
    all: `${header}${allCalls.join('\n')}\n`,
    ...Object.fromEntries(
      Object.entries({ ...wrong, ...controls }).map(([n, code]) => [
        n,
        `${header}export const x = ${code}\n`,
      ]),
    ),
  });
  return compiled[name] ?? [];
};
const messagesOf = (name: string) =>
  diagnosticsOf(name).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));

describe('the typed client (compile-time)', () => {
  it('knows all 231 operations of the spec', () => {
    expect(operations).toHaveLength(231);
    expect(allCalls).toHaveLength(231);
  });

  it('every one of the 231 operations is callable with its path, parameters and typed answer', () => {
    expect(messagesOf('all')).toEqual([]);
  }, 120_000);

  it('refuses a misspelt path, a missing path parameter, a wrong body field, a non-existent response field and paginate on a non-list operation', () => {
    // Each refused by the compiler, with the diagnostic of what is wrong: 2345 (argument not assignable: a
    // path the method does not have, options of the wrong shape), 2554 (options missing), 2561/2353 (unknown
    // property), 2339 (no such property on the answer).
    const expected: Record<string, number> = {
      misspeltPath: 2345,
      missingPathParameter: 2345,
      missingOptions: 2554,
      wrongPathParameter: 2561,
      wrongBodyField: 2353,
      wrongQueryField: 2561,
      missingResponseField: 2339,
      paginateNonList: 2345,
      paginateNonListWithParams: 2345,
      postOnGetOnlyPath: 2345,
      paginateWithoutRequiredQuery: 2554,
    };
    const codes = Object.fromEntries(Object.keys(wrong).map((name) => [name, diagnosticsOf(name)[0]?.code]));
    expect(codes).toEqual(expected);
    for (const name of Object.keys(controls)) expect(messagesOf(name), name).toEqual([]);
  }, 120_000);
});
