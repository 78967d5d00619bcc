import type { ReactNode } from 'react';

interface FieldProps {
  /** The control's id; the label points at it. */
  id: string;
  label: ReactNode;
  /** Shown under the label, inside it, so it is read with the field's name. */
  hint: ReactNode;
  value: string;
  onChange: (value: string) => void;
  /** A textarea instead of a one-line input. */
  multiline?: boolean;
  rows?: number;
  inputMode?: 'numeric';
  /** False for URIs, ids and JSON, where the browser's spelling marks are noise. */
  spellCheck?: boolean;
}

/** One labelled text field of the tools. Nothing is autocompleted: what is typed here stays on this page. */
export function Field({
  id,
  label,
  hint,
  value,
  onChange,
  multiline,
  rows,
  inputMode,
  spellCheck,
}: FieldProps) {
  const common = { id, value, spellCheck, autoComplete: 'off' };
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        <span className="hint">{hint}</span>
      </label>
      {multiline ? (
        <textarea {...common} rows={rows} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input {...common} type="text" inputMode={inputMode} onChange={(e) => onChange(e.target.value)} />
      )}
    </div>
  );
}
