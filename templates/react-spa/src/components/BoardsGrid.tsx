import { type BoardView, fetchBoards } from '../api.js';
import { formatCount } from '../messages.js';
import { useInfiniteList } from '../useInfiniteList.js';
import { ListFooter } from './ListFooter.js';

/** The user's boards, a page at a time as the grid scrolls. */
export function BoardsGrid({ onOpen }: { onOpen: (board: BoardView) => void }) {
  const list = useInfiniteList(fetchBoards);
  return (
    <section aria-labelledby="boards-heading">
      <h2 id="boards-heading" className="section-title">
        Boards <span className="muted small">({list.items.length} shown)</span>
      </h2>
      {list.done && list.items.length === 0 && list.error === null ? (
        <p className="muted">No boards yet. Boards you create on Pinterest appear here.</p>
      ) : null}
      <ul className="boards" data-testid="boards">
        {list.items.map((board) => (
          <li key={board.id} className="board">
            <a
              href={`/boards/${board.id}`}
              className="board__link"
              onClick={(event) => {
                if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
                event.preventDefault();
                onOpen(board);
              }}
            >
              <div className="board__cover">
                {board.coverImage ? <img src={board.coverImage} alt="" loading="lazy" /> : null}
              </div>
              <span className="board__name">{board.name}</span>
              <span className="board__meta muted small">
                {formatCount(board.pinCount)} Pins{board.privacy === 'SECRET' ? ' · secret' : ''}
              </span>
            </a>
          </li>
        ))}
      </ul>
      <ListFooter list={list} noun="boards" />
    </section>
  );
}
