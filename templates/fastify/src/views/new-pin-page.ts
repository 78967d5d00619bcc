/** The "New Pin" form: board, image URL, title, description, link, alt text. A plain form: works without JS. */
import type { PinterestSchemas } from '@kit/auth-core';
import { html, type SafeHtml } from './html.js';
import { layout, type PageContext } from './pages.js';

/** What the user typed, kept when the form comes back with an error. */
export interface NewPinValues {
  board_id?: string;
  image_url?: string;
  title?: string;
  description?: string;
  link?: string;
  alt_text?: string;
}

export function newPinPage(
  ctx: PageContext,
  boards: PinterestSchemas['Board'][],
  values: NewPinValues = {},
  error?: string,
): SafeHtml {
  const field = (name: keyof NewPinValues, label: string, type: string, extra: SafeHtml | string = '') =>
    html`<p><label for="${name}">${label}</label>
  <input id="${name}" name="${name}" type="${type}" value="${values[name] ?? ''}"${extra}></p>`;
  return layout(
    { ...ctx, current: 'new-pin' },
    'New Pin',
    html`<h1>New Pin</h1>
${error ? html`<p class="problem" role="alert">${error}</p>` : ''}
<form class="stack" method="post" action="/pins">
  <input type="hidden" name="csrf" value="${ctx.user?.csrfToken ?? ''}">
  <p><label for="board_id">Board</label>
  <select id="board_id" name="board_id" required>
    ${boards.map(
      (board) =>
        html`<option value="${board.id}"${values.board_id === board.id ? html` selected` : ''}>${board.name}</option>`,
    )}
  </select></p>
  ${field('image_url', 'Image URL', 'url', html` required placeholder="https://…"`)}
  ${field('title', 'Title', 'text', html` maxlength="100"`)}
  <p><label for="description">Description</label>
  <textarea id="description" name="description" maxlength="800" rows="3">${values.description ?? ''}</textarea></p>
  ${field('link', 'Link', 'url', html` placeholder="https://…"`)}
  ${field('alt_text', 'Alt text (describes the image for screen readers)', 'text', html` maxlength="500"`)}
  <p><button type="submit">Publish</button></p>
</form>`,
  );
}
