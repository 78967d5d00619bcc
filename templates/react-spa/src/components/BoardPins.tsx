import { useCallback, useEffect, useState } from 'react';
import { fetchBoardName, fetchBoardPins } from '../api.js';
import { useInfiniteList } from '../useInfiniteList.js';
import { ListFooter } from './ListFooter.js';

/** One board's Pins in a masonry-like column layout. */
export function BoardPins({
  boardId,
  initialName,
  onBack,
}: {
  boardId: string;
  initialName: string | null;
  onBack: () => void;
}) {
  const [name, setName] = useState(initialName);
  const fetchPage = useCallback((bookmark: string | null) => fetchBoardPins(boardId, bookmark), [boardId]);
  const list = useInfiniteList(fetchPage);

  useEffect(() => {
    if (initialName !== null) return;
    let live = true;
    fetchBoardName(boardId)
      .then((fetched) => live && setName(fetched))
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [boardId, initialName]);

  return (
    <section aria-labelledby="pins-heading">
      <button type="button" className="button button--ghost" onClick={onBack}>
        ← All boards
      </button>
      <h1 id="pins-heading" className="section-title">
        {name ?? 'Board'} <span className="muted small">({list.items.length} Pins shown)</span>
      </h1>
      {list.done && list.items.length === 0 && list.error === null ? (
        <p className="muted">This board has no Pins yet.</p>
      ) : null}
      <ul className="pins" data-testid="pins">
        {list.items.map((pin) => (
          <li
            key={pin.id}
            className="pin"
            style={pin.dominantColor ? { backgroundColor: pin.dominantColor } : undefined}
          >
            {pin.image ? (
              <img
                src={pin.image.url}
                alt={pin.altText ?? pin.title ?? ''}
                loading="lazy"
                width={pin.image.width ?? undefined}
                height={pin.image.height ?? undefined}
              />
            ) : null}
            <div className="pin__text">
              <span className="pin__title">{pin.title ?? 'Untitled Pin'}</span>
              {pin.link ? (
                <a className="pin__link small" href={pin.link} target="_blank" rel="noopener noreferrer">
                  Visit site
                </a>
              ) : null}
            </div>
          </li>
        ))}
      </ul>
      <ListFooter list={list} noun="Pins" />
    </section>
  );
}
