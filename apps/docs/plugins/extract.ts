/**
 * Cuts a piece out of a source file for display: the whole file, a `#region name` … `#endregion` block, or
 * one exported declaration found with the TypeScript parser. Every piece is an exact, contiguous slice of the
 * file, so a test can check that what a page shows is really in the file it names.
 */
import ts from 'typescript';

/** What to cut out of the file; nothing means the whole file. */
export interface SampleSelector {
  /** A block between `// #region <name>` (or `# region <name>`) and the next `#endregion`, markers excluded. */
  region?: string;
  /** A top-level exported declaration (function, class, const, interface, type) with its TSDoc. */
  exportName?: string;
}

/** Raised when the selector names something the file does not contain. */
export class SampleNotFoundError extends Error {
  readonly code = 'SAMPLE_NOT_FOUND';
}

/** Returns the selected slice of `text` (a file at `path`), or throws {@link SampleNotFoundError}. */
export function extractSample(path: string, text: string, selector: SampleSelector = {}): string {
  if (selector.region) return extractRegion(path, text, selector.region);
  if (selector.exportName) return extractExport(path, text, selector.exportName);
  return text.replace(/\n$/, '');
}

function extractRegion(path: string, text: string, name: string): string {
  const start = new RegExp(`^[ \\t]*(?://|#)[ \\t]*#?region[ \\t]+${escapeRegExp(name)}[ \\t]*\\r?\\n`, 'm');
  const open = start.exec(text);
  if (!open) {
    throw new SampleNotFoundError(`${path} has no "// #region ${name}" marker; add it or change the sample.`);
  }
  const from = open.index + open[0].length;
  const close = /^[ \t]*(?:\/\/|#)[ \t]*#?endregion\b/m.exec(text.slice(from));
  if (!close) throw new SampleNotFoundError(`${path}: region "${name}" has no matching "// #endregion".`);
  return text.slice(from, from + close.index).replace(/\n$/, '');
}

function extractExport(path: string, text: string, name: string): string {
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  for (const statement of source.statements) {
    if (!isExported(statement)) continue;
    if (declaredNames(statement).includes(name)) {
      return text.slice(statement.getStart(source, true), statement.end);
    }
  }
  throw new SampleNotFoundError(`${path} has no exported declaration named "${name}".`);
}

function isExported(node: ts.Statement): boolean {
  const modifiers = ts.canHaveModifiers(node) ? ts.getModifiers(node) : undefined;
  return modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) ?? false;
}

function declaredNames(node: ts.Statement): string[] {
  if (ts.isVariableStatement(node)) {
    return node.declarationList.declarations.flatMap((d) => (ts.isIdentifier(d.name) ? [d.name.text] : []));
  }
  const named = node as ts.Statement & { name?: ts.Node };
  return named.name && ts.isIdentifier(named.name) ? [named.name.text] : [];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
