import mdx from '@mdx-js/rollup';
import react from '@vitejs/plugin-react';
import remarkGfm from 'remark-gfm';
import { defineConfig } from 'vite';
import { apiReferencePlugin } from './plugins/api-reference.ts';
import { apiSpecPlugin } from './plugins/api-spec.ts';
import { openapiPlugin } from './plugins/openapi.ts';
import { rehypeHeadings } from './plugins/rehype-headings.ts';
import { rehypeHighlight } from './plugins/rehype-highlight.ts';
import { samplesPlugin } from './plugins/samples.ts';
import { searchIndexPlugin } from './plugins/search-index.ts';

export default defineConfig({
  plugins: [
    samplesPlugin(),
    openapiPlugin(),
    apiReferencePlugin(),
    apiSpecPlugin(),
    searchIndexPlugin(),
    {
      enforce: 'pre',
      ...mdx({
        remarkPlugins: [remarkGfm],
        rehypePlugins: [rehypeHighlight, rehypeHeadings],
      }),
    },
    react({ include: /\.(mdx|tsx?)$/ }),
  ],
  build: {
    manifest: true,
    target: 'es2022',
  },
});
