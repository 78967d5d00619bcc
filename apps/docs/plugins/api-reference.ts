/**
 * Generates the `@kit/auth-core` reference from its source: every export of `src/index.ts` (following
 * re-exports) with its signature and TSDoc, read with the TypeScript compiler API at build time, so the
 * reference page cannot fall behind the package.
 */
import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import ts from 'typescript';
import type { Plugin } from 'vite';
import { highlight } from './highlight.ts';
import { REPO_ROOT } from './paths.ts';

/** A run of TSDoc prose, or a fenced code block already highlighted. */
export type DocBlock =
  | { type: 'text'; text: string }
  | { type: 'code'; lang: string; code: string; html: string };

/** Splits TSDoc text at its ``` fences. */
export function docBlocks(text: string): DocBlock[] {
  const blocks: DocBlock[] = [];
  const fence = /```(\w*)[ \t]*\n?([\s\S]*?)\n?```/g;
  let last = 0;
  for (const match of text.matchAll(fence)) {
    const before = text.slice(last, match.index).trim();
    if (before) blocks.push({ type: 'text', text: before });
    const lang = match[1] || 'ts';
    const code = match[2] ?? '';
    blocks.push({ type: 'code', lang, code, html: highlight(code, lang) });
    last = (match.index ?? 0) + match[0].length;
  }
  const rest = text.slice(last).trim();
  if (rest) blocks.push({ type: 'text', text: rest });
  return blocks;
}

/** One documented export. */
export interface ApiEntry {
  name: string;
  kind: 'function' | 'class' | 'interface' | 'type' | 'const' | 'enum' | 'other';
  /** Declaration as TypeScript prints it (bodies left out). */
  signature: string;
  /** `signature`, highlighted at build time. */
  signatureHtml: string;
  /** The TSDoc summary and remarks, as written. */
  doc: string;
  /** `doc` split into prose and fenced code (highlighted at build time). */
  docBlocks: DocBlock[];
  /** `@param`, `@returns`, `@throws`, `@example`, `@see`… in source order. */
  tags: { name: string; text: string; blocks: DocBlock[] }[];
  /** Members of classes and interfaces that carry their own TSDoc. */
  members: { name: string; signature: string; doc: string }[];
  /** Where it is declared, relative to the repo root. */
  source: string;
}

export interface ApiReference {
  entry: string;
  entries: ApiEntry[];
  missing: boolean;
}

const PRINTER = ts.createPrinter({ removeComments: true, omitTrailingSemicolon: false });

/** Reads every export of `entryFile` with its TSDoc. Returns `missing: true` if the file does not exist. */
export function extractApiReference(entryFile: string, repoRoot = REPO_ROOT): ApiReference {
  const entry = relative(repoRoot, entryFile);
  if (!existsSync(entryFile)) return { entry, entries: [], missing: true };
  const program = ts.createProgram([entryFile], {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    allowJs: false,
    noEmit: true,
    skipLibCheck: true,
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(entryFile);
  const moduleSymbol = source && checker.getSymbolAtLocation(source);
  if (!source || !moduleSymbol) return { entry, entries: [], missing: false };
  const entries: ApiEntry[] = [];
  for (const exported of checker.getExportsOfModule(moduleSymbol)) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const declaration = symbol.declarations?.[0];
    if (!declaration) continue;
    const signature = signatureOf(exported.name, declaration, checker);
    const doc = ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim();
    entries.push({
      name: exported.name,
      kind: kindOf(declaration),
      signature,
      signatureHtml: highlight(signature, 'ts'),
      doc,
      docBlocks: docBlocks(doc),
      tags: symbol.getJsDocTags(checker).map((tag) => {
        const text = ts.displayPartsToString(tag.text ?? []).trim();
        return { name: tag.name, text, blocks: docBlocks(text) };
      }),
      members: membersOf(declaration, checker),
      source: relative(repoRoot, declaration.getSourceFile().fileName),
    });
  }
  const order = ['function', 'class', 'const', 'interface', 'type', 'enum', 'other'];
  entries.sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || a.name.localeCompare(b.name));
  return { entry, entries, missing: false };
}

function kindOf(node: ts.Declaration): ApiEntry['kind'] {
  if (ts.isFunctionDeclaration(node)) return 'function';
  if (ts.isClassDeclaration(node)) return 'class';
  if (ts.isInterfaceDeclaration(node)) return 'interface';
  if (ts.isTypeAliasDeclaration(node)) return 'type';
  if (ts.isEnumDeclaration(node)) return 'enum';
  if (ts.isVariableDeclaration(node)) return 'const';
  return 'other';
}

function signatureOf(name: string, node: ts.Declaration, checker: ts.TypeChecker): string {
  const file = node.getSourceFile();
  if (ts.isFunctionDeclaration(node)) {
    const bodyless = ts.factory.updateFunctionDeclaration(
      node,
      node.modifiers?.filter((m) => m.kind !== ts.SyntaxKind.ExportKeyword),
      node.asteriskToken,
      node.name,
      node.typeParameters,
      node.parameters,
      node.type,
      undefined,
    );
    return PRINTER.printNode(ts.EmitHint.Unspecified, bodyless, file).replace(/;$/, '');
  }
  if (ts.isClassDeclaration(node)) {
    const heritage = node.heritageClauses?.map((h) => h.getText(file)).join(' ');
    return `class ${name}${heritage ? ` ${heritage}` : ''}`;
  }
  if (ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node) || ts.isEnumDeclaration(node)) {
    return PRINTER.printNode(ts.EmitHint.Unspecified, node, file).replace(/^export /, '');
  }
  if (ts.isVariableDeclaration(node)) {
    const type = checker.getTypeAtLocation(node);
    return `const ${name}: ${checker.typeToString(type, node, ts.TypeFormatFlags.NoTruncation)}`;
  }
  return name;
}

function membersOf(node: ts.Declaration, checker: ts.TypeChecker): ApiEntry['members'] {
  if (!ts.isClassDeclaration(node) && !ts.isInterfaceDeclaration(node)) return [];
  const file = node.getSourceFile();
  const members: ApiEntry['members'] = [];
  for (const member of node.members) {
    if (!member.name || !ts.isIdentifier(member.name)) continue;
    const modifiers = ts.canHaveModifiers(member) ? ts.getModifiers(member) : undefined;
    if (
      modifiers?.some(
        (m) => m.kind === ts.SyntaxKind.PrivateKeyword || m.kind === ts.SyntaxKind.ProtectedKeyword,
      )
    )
      continue;
    const symbol = checker.getSymbolAtLocation(member.name);
    const doc = symbol ? ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim() : '';
    if (!doc) continue;
    members.push({ name: member.name.text, signature: memberSignature(member, file, checker), doc });
  }
  return members;
}

function memberSignature(
  member: ts.ClassElement | ts.TypeElement,
  file: ts.SourceFile,
  checker: ts.TypeChecker,
): string {
  const name = (member.name as ts.Identifier).text;
  if (ts.isMethodDeclaration(member) || ts.isMethodSignature(member)) {
    const signature = checker.getSignatureFromDeclaration(member);
    if (signature)
      return `${name}${checker.signatureToString(signature, member, ts.TypeFormatFlags.NoTruncation)}`;
  }
  if (ts.isPropertySignature(member) || ts.isMethodSignature(member)) {
    return PRINTER.printNode(ts.EmitHint.Unspecified, member, file).replace(/;$/, '');
  }
  const type = checker.getTypeAtLocation(member);
  return `${name}: ${checker.typeToString(type, member, ts.TypeFormatFlags.NoTruncation)}`;
}

/** `virtual:auth-core-api` → `{ API }`, the reference of `packages/auth-core/src/index.ts`. */
export function apiReferencePlugin(
  entryFile = resolve(REPO_ROOT, 'packages/auth-core/src/index.ts'),
): Plugin {
  return {
    name: 'kit-docs-api-reference',
    resolveId(id) {
      return id === 'virtual:auth-core-api' ? '\0virtual:auth-core-api' : undefined;
    },
    load(id) {
      if (id !== '\0virtual:auth-core-api') return undefined;
      const reference = extractApiReference(entryFile);
      if (reference.missing)
        this.warn(`docs: ${reference.entry} does not exist yet; the reference is empty.`);
      for (const file of new Set(reference.entries.map((e) => e.source))) {
        this.addWatchFile(resolve(REPO_ROOT, file));
      }
      return `export const API = ${JSON.stringify(reference)};`;
    },
  };
}
