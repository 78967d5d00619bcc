import {
  type DragEvent,
  type FormEvent,
  type KeyboardEvent,
  useEffect,
  useId,
  useRef,
  useState,
} from 'react';
import {
  ApiError,
  type Choice,
  createPin,
  fetchBoardChoices,
  fetchSections,
  type NewPin,
  startGrant,
} from '../api.js';

/** What the server accepts (it checks again, by the bytes). */
const IMAGE_TYPES = ['image/jpeg', 'image/png'];
const MAX_BYTES = 10 * 1024 * 1024;

/** Where the incremental consent comes back to: this query opens the dialog again. */
export const NEW_PIN_QUERY = 'new-pin';

type Status =
  | { kind: 'idle' }
  | { kind: 'sending'; progress: number }
  | { kind: 'error'; message: string; grant?: string[] };

/** The picked image: its bytes as base64 and a preview URL. */
interface Picked {
  name: string;
  base64: string;
  previewUrl: string;
}

function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/** Elements Tab may reach inside the dialog. */
const FOCUSABLE = 'button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea, a[href]';

/**
 * The New Pin dialog: a modal `<dialog>` (the page behind is inert, Escape closes it, Tab stays inside),
 * labelled by its heading. Drop an image or pick a file, see it, choose a board (and a section), add the text,
 * publish with a progress bar. A missing permission offers the incremental consent.
 */
export function NewPinDialog({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (boardId: string, boardName: string | null) => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [boards, setBoards] = useState<Choice[] | null>(null);
  const [boardId, setBoardId] = useState('');
  const [sections, setSections] = useState<Choice[]>([]);
  const [picked, setPicked] = useState<Picked | null>(null);
  const [dragging, setDragging] = useState(false);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });

  useEffect(() => {
    dialog.current?.showModal();
    let live = true;
    fetchBoardChoices()
      .then((items) => {
        if (!live) return;
        setBoards(items);
        setBoardId((current) => current || items[0]?.id || '');
      })
      .catch((error: unknown) => live && setStatus(errorStatus(error)));
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    setSections([]);
    if (!boardId) return;
    let live = true;
    fetchSections(boardId)
      .then((items) => live && setSections(items))
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [boardId]);

  useEffect(() => () => (picked ? URL.revokeObjectURL(picked.previewUrl) : undefined), [picked]);

  const takeFile = async (file: File | undefined) => {
    if (!file) return;
    if (!IMAGE_TYPES.includes(file.type)) {
      setStatus({
        kind: 'error',
        message: `“${file.name}” is not a JPEG or PNG image. Pick a .jpg or .png file.`,
      });
      return;
    }
    if (file.size > MAX_BYTES) {
      setStatus({
        kind: 'error',
        message: `“${file.name}” is ${(file.size / 1048576).toFixed(1)} MB. Pick an image of at most 10 MB.`,
      });
      return;
    }
    setStatus({ kind: 'idle' });
    setPicked({ name: file.name, base64: await readAsBase64(file), previewUrl: URL.createObjectURL(file) });
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    void takeFile(event.dataTransfer.files[0]);
  };

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const imageUrl = text('image_url');
    if (!picked && !imageUrl) {
      setStatus({
        kind: 'error',
        message: 'No image yet. Drop an image, choose a file, or paste an image URL.',
      });
      return;
    }
    const pin: NewPin = { board_id: boardId };
    if (picked) pin.image_base64 = picked.base64;
    else pin.image_url = imageUrl;
    for (const name of ['board_section_id', 'title', 'description', 'link', 'alt_text'] as const) {
      const value = text(name);
      if (value) pin[name] = value;
    }
    setStatus({ kind: 'sending', progress: 0 });
    try {
      const created = await createPin(pin, (progress) => setStatus({ kind: 'sending', progress }));
      onCreated(created.boardId, boards?.find((board) => board.id === created.boardId)?.name ?? null);
    } catch (error) {
      setStatus(errorStatus(error));
    }
  };

  // Tab and Shift+Tab wrap around inside the dialog.
  const onKeyDown = (event: KeyboardEvent<HTMLDialogElement>) => {
    if (event.key !== 'Tab' || !dialog.current) return;
    const items = [...dialog.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const first = items[0];
    const last = items[items.length - 1];
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last?.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first?.focus();
    }
  };

  const sending = status.kind === 'sending';
  return (
    <dialog
      ref={dialog}
      className="dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        if (!sending) onClose();
      }}
      onKeyDown={onKeyDown}
    >
      <form className="dialog__form" onSubmit={onSubmit}>
        <header className="dialog__header">
          <h2 id={titleId}>New Pin</h2>
          <button type="button" className="button button--ghost" onClick={onClose} disabled={sending}>
            Close
          </button>
        </header>
        <div className="dialog__body">
          <label
            className={`dropzone${dragging ? ' dropzone--active' : ''}`}
            data-testid="dropzone"
            onDragOver={(event) => {
              event.preventDefault();
              setDragging(true);
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={onDrop}
          >
            {picked ? (
              <img src={picked.previewUrl} alt={`Preview of ${picked.name}`} className="dropzone__preview" />
            ) : (
              <span>Drop a JPEG or PNG here, or choose a file (up to 10 MB)</span>
            )}
            <input
              type="file"
              name="file"
              accept={IMAGE_TYPES.join(',')}
              className="dropzone__input"
              onChange={(event) => void takeFile(event.currentTarget.files?.[0])}
            />
          </label>
          <div className="fields">
            <label className="field">
              Or an image URL
              <input type="url" name="image_url" placeholder="https://…" disabled={picked !== null} />
            </label>
            <label className="field">
              Board
              <select
                name="board_id"
                required
                value={boardId}
                onChange={(event) => setBoardId(event.currentTarget.value)}
                disabled={boards === null}
              >
                {boards === null ? <option value="">Loading boards…</option> : null}
                {boards?.map((board) => (
                  <option key={board.id} value={board.id}>
                    {board.name}
                  </option>
                ))}
              </select>
            </label>
            {sections.length > 0 ? (
              <label className="field">
                Section (optional)
                <select name="board_section_id" defaultValue="">
                  <option value="">No section</option>
                  {sections.map((section) => (
                    <option key={section.id} value={section.id}>
                      {section.name}
                    </option>
                  ))}
                </select>
              </label>
            ) : null}
            <label className="field">
              Title
              <input name="title" maxLength={100} />
            </label>
            <label className="field">
              Description
              <textarea name="description" maxLength={800} rows={3} />
            </label>
            <label className="field">
              Link
              <input type="url" name="link" placeholder="https://…" />
            </label>
            <label className="field">
              Alt text
              <input name="alt_text" maxLength={500} />
            </label>
          </div>
        </div>
        <footer className="dialog__footer">
          {status.kind === 'sending' ? (
            <progress value={status.progress} max={1} aria-label="Uploading" />
          ) : null}
          {status.kind === 'error' ? (
            <div className="error-panel" role="alert">
              <p>{status.message}</p>
              {status.grant ? (
                <button
                  type="button"
                  className="button button--primary"
                  onClick={() =>
                    startGrant(status.grant ?? [], `${window.location.pathname}?${NEW_PIN_QUERY}`)
                  }
                >
                  Grant {status.grant.join(', ')}
                </button>
              ) : null}
            </div>
          ) : null}
          <button type="submit" className="button button--primary" disabled={sending || boards === null}>
            {sending ? 'Publishing…' : 'Publish'}
          </button>
        </footer>
      </form>
    </dialog>
  );
}

function errorStatus(error: unknown): Status {
  if (error instanceof ApiError && error.code === 'missing_scope' && error.missingScopes.length > 0)
    return { kind: 'error', message: error.message, grant: error.missingScopes };
  return {
    kind: 'error',
    message: error instanceof Error ? error.message : 'Something went wrong. Try again.',
  };
}
