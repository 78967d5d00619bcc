/** Friendly texts for the `login_error` the backend puts on the URL after a failed callback. */
export const LOGIN_ERROR_MESSAGES: Record<string, string> = {
  denied:
    'You chose not to connect your Pinterest account, so nothing was shared. You can try again any time.',
  expired: 'That login link has expired or was already used. Please log in again.',
  invalid: 'Pinterest’s answer was incomplete. Please log in again.',
  failed: 'We could not finish logging you in with Pinterest. Please try again.',
};

/** Message for a `login_error` value (unknown values get the generic one). */
export function loginErrorMessage(reason: string): string {
  return LOGIN_ERROR_MESSAGES[reason] ?? LOGIN_ERROR_MESSAGES.failed ?? '';
}

/** Short number for counts: 1234 → "1.2K". */
export function formatCount(value: number | null): string {
  if (value === null) return '—';
  return new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 }).format(value);
}
