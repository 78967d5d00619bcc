/** Turns heading text into a URL fragment: `Code exchange (step 3)` → `code-exchange-step-3`. */
export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[`'"’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
