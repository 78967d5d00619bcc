/** What the search index needs of one rendered page (see plugins/search-index.ts). */
export interface RenderedForSearch {
  path: string;
  title: string;
  section: string;
  description: string;
  /** The HTML inside `<article class="content">`. */
  articleHtml: string;
  /** The page's h2/h3 ids and texts (its `headings` export). */
  headings: { id: string; text: string }[];
}

/** The article of a rendered page (App renders exactly one `<article class="content">`). */
export function articleOf(appHtml: string): string {
  return /<article class="content">([\s\S]*)<\/article>/.exec(appHtml)?.[1] ?? '';
}
