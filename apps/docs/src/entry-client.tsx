import { createRoot, hydrateRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { pageFor } from './pages.ts';
import './styles.css';

// Load the current page's chunk first, so the first client render matches the prerendered HTML exactly.
const path = window.location.pathname;
const page = pageFor(path);
const module = page ? await page.load() : undefined;
const root = document.getElementById('root');
const app = <App path={page?.path ?? path} content={module?.default} headings={module?.headings} />;
if (root?.hasChildNodes()) hydrateRoot(root, app);
else if (root) createRoot(root).render(app); // `vite` dev server: nothing was prerendered
