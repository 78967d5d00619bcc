import { useEffect, useState } from 'react';

/** Key under which the chosen theme is kept in localStorage (read by the inline script in index.html). */
export const THEME_KEY = 'kit-docs-theme';

type Theme = 'light' | 'dark';

export function ThemeToggle() {
  // Unknown until mounted: the server cannot know, and the inline script already painted the right colours.
  const [theme, setTheme] = useState<Theme | undefined>(undefined);
  useEffect(() => {
    setTheme(document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light');
  }, []);
  const toggle = () => {
    const next: Theme = theme === 'dark' ? 'light' : 'dark';
    document.documentElement.dataset.theme = next;
    try {
      localStorage.setItem(THEME_KEY, next);
    } catch {
      // Storage can be disabled; the choice then lasts for this page view only.
    }
    setTheme(next);
  };
  return (
    <button
      type="button"
      className="icon-button theme-toggle"
      onClick={toggle}
      aria-pressed={theme === undefined ? undefined : theme === 'dark'}
      title="Dark mode"
    >
      <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
        <path
          d="M20 14.5A8.5 8.5 0 0 1 9.5 4a8.5 8.5 0 1 0 10.5 10.5z"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
          strokeLinejoin="round"
        />
      </svg>
      <span className="visually-hidden">Dark mode</span>
    </button>
  );
}
