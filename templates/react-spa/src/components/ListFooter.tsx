import type { InfiniteList } from '../useInfiniteList.js';
import { ErrorPanel } from './ErrorPanel.js';
import { Spinner } from './Spinner.js';

/** Below a list: the scroll sentinel, a spinner, an error, the "Load more" button or the end of the list. */
export function ListFooter<T>({ list, noun }: { list: InfiniteList<T>; noun: string }) {
  return (
    <div className="list-footer">
      <div ref={list.sentinelRef} className="list-footer__sentinel" aria-hidden="true" />
      {list.error !== null ? (
        <ErrorPanel error={list.error} onRetry={list.loadMore} />
      ) : list.loading ? (
        <Spinner label={`Loading ${noun}…`} />
      ) : list.done ? (
        list.items.length > 0 ? (
          <p className="muted small">That’s all your {noun}.</p>
        ) : null
      ) : (
        <button type="button" className="button" onClick={list.loadMore}>
          Load more {noun}
        </button>
      )}
    </div>
  );
}
