/** OpenAPI 3.0 schema → JSON Schema draft-07 (`$ref`s into `#/definitions/`). */
export function toJsonSchema(node: unknown): unknown;
/** A deterministic value valid for an OpenAPI schema; `definitions` are the spec's `components.schemas`. */
export function sampleOf(
  schema: unknown,
  definitions: Record<string, unknown>,
  options?: { useExamples?: boolean; requiredOnly?: boolean; maxDepth?: number },
): unknown;
