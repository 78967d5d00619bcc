import { Link } from '../router.tsx';

export function NotFound() {
  return (
    <>
      <h1 tabIndex={-1}>Page not found</h1>
      <p>
        There is no page at this address. Start from <Link href="/">Getting started</Link> or use the search
        (press <kbd>/</kbd>).
      </p>
    </>
  );
}
