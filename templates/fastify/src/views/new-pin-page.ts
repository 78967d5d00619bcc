/**
 * The "New Pin" page, in two plain forms (works without JavaScript): first the board (a GET form, so that the
 * page can list that board's sections), then the Pin: section, image by URL or file upload, title,
 * description, link, alt text.
 */
import type { PinterestSchemas } from '@kit/auth-core';
import { html, type SafeHtml } from './html.js';
import { layout, type PageContext } from './pages.js';

/** What the user typed, kept when the form comes back with an error. */
export interface NewPinValues {
  board_id?: string;
  board_section_id?: string;
  image_url?: string;
  title?: string;
  description?: string;
  link?: string;
  alt_text?: string;
}

/** What the page shows. */
export interface NewPinPageData {
  boards: PinterestSchemas['Board'][];
  /** Sections of the chosen board; `undefined` until a board is chosen. */
  sections?: PinterestSchemas['BoardSection'][] | undefined;
  values?: NewPinValues;
  error?: string | undefined;
}

export function newPinPage(ctx: PageContext, data: NewPinPageData): SafeHtml {
  const { boards, sections, values = {}, error } = data;
  const board = boards.find((b) => b.id === values.board_id);
  const field = (name: keyof NewPinValues, label: string, type: string, extra: SafeHtml | string = '') =>
    html`<p><label for="${name}">${label}</label>
  <input id="${name}" name="${name}" type="${type}" value="${values[name] ?? ''}"${extra}></p>`;

  const chooseBoard = html`<form class="stack" method="get" action="/pins/new">
  <p><label for="board_id">Board</label>
  <select id="board_id" name="board_id" required>
    ${boards.map(
      (b) => html`<option value="${b.id}"${b.id === board?.id ? html` selected` : ''}>${b.name}</option>`,
    )}
  </select></p>
  <p><button type="submit"${board ? html` class="secondary"` : ''}>${board ? 'Change board' : 'Next'}</button></p>
</form>`;

  const pinForm = board
    ? html`<form class="stack" method="post" action="/pins" enctype="multipart/form-data">
  <input type="hidden" name="csrf" value="${ctx.user?.csrfToken ?? ''}">
  <input type="hidden" name="board_id" value="${board.id}">
  <p><label for="board_section_id">Section of ${board.name}</label>
  <select id="board_section_id" name="board_section_id">
    <option value="">No section</option>
    ${(sections ?? []).map(
      (s) =>
        html`<option value="${s.id ?? ''}"${values.board_section_id === s.id ? html` selected` : ''}>${s.name}</option>`,
    )}
  </select></p>
  <fieldset>
    <legend>Image: a URL or a file</legend>
    ${field('image_url', 'Image URL', 'url', html` placeholder="https://…"`)}
    <p><label for="image_file">Or upload an image (JPEG or PNG, at most 5 MB)</label>
    <input id="image_file" name="image_file" type="file" accept="image/jpeg,image/png"></p>
  </fieldset>
  ${field('title', 'Title', 'text', html` maxlength="100"`)}
  <p><label for="description">Description</label>
  <textarea id="description" name="description" maxlength="800" rows="3">${values.description ?? ''}</textarea></p>
  ${field('link', 'Link', 'url', html` placeholder="https://…"`)}
  ${field('alt_text', 'Alt text (describes the image for screen readers)', 'text', html` maxlength="500"`)}
  <p><button type="submit">Publish</button></p>
</form>`
    : html`<p class="muted">Choose the board first: the next step lists its sections.</p>`;

  return layout(
    { ...ctx, current: 'new-pin' },
    'New Pin',
    html`<h1>New Pin</h1>
${error ? html`<p class="problem" role="alert">${error}</p>` : ''}
${chooseBoard}
${pinForm}`,
  );
}
