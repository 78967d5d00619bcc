export function strip(node: unknown, parentKey: string | undefined): unknown;
export function derive(full: unknown): unknown;
