/**
 * Labelled, validated inputs. Text fields commit on Enter or blur: while a value is invalid the
 * message shows under the field and the last valid config stays in force.
 */
import { createContext, useContext, useId, useMemo, useState, type HTMLAttributes, type ReactNode } from 'react';
import { numberSpecAt } from '../../config/number-spec';
import { useConfigStore } from '../../state/config';
import { useLinkStore } from '../../state/link';
import type { ControlId } from '../../share/link';
import { getIn } from '../../lib/path';
import { listFieldMessage, numberFieldMessage } from './field-message';
import { parseWidths, WIDTHS_PATTERN } from './widths';

function useField(path: string) {
  const value = useConfigStore((s) => getIn(s.config, path));
  const problem = useConfigStore((s) => s.errors[path]);
  return { value, problem };
}

/**
 * The keyboard a number field wants on a phone: digits only for a whole number, digits and a
 * decimal point otherwise (the schema's range at that path says which).
 */
function useNumberInputMode(path: string): 'numeric' | 'decimal' {
  const config = useConfigStore((s) => s.config);
  return useMemo(() => (numberSpecAt(config, path)?.whole ? 'numeric' : 'decimal'), [config, path]);
}

/**
 * Whether a lesson link hides the control for this config path (`hide=seed,train.lr` or
 * `seed_hide=true`). A hidden control is not rendered; its value still applies.
 */
export function useControlHidden(path: string | undefined): boolean {
  return useLinkStore((s) => (path ? (s.flags.hideFields?.includes(path) ?? false) : false));
}

/**
 * A section may prefix its fields' accessible names ("Teacher Learning rate") so that two
 * fields with the same visible label in different sections stay distinguishable.
 */
export const LabelPrefix = createContext('');

export function FieldLabel({ htmlFor, label }: { htmlFor: string; label: string }) {
  const prefix = useContext(LabelPrefix);
  return (
    <label htmlFor={htmlFor}>
      {prefix ? <span className="sr-only">{prefix} </span> : null}
      {label}
    </label>
  );
}

function FieldShell(props: {
  id: string;
  /** The config path it edits: lesson links hide single controls by it. */
  path: string;
  label: string;
  error?: string;
  hint?: ReactNode;
  children: ReactNode;
}) {
  const hidden = useControlHidden(props.path);
  if (hidden) return null;
  return (
    <div className={`field${props.error ? ' field-invalid' : ''}`} data-path={props.path}>
      <FieldLabel htmlFor={props.id} label={props.label} />
      {props.children}
      <FieldNote id={`${props.id}-error`} error={props.error} hint={props.hint} />
    </div>
  );
}

/** What shows under a field: its problem when it has one (announced), else its hint, if any. */
export function FieldNote({ error, hint, id }: { error?: string; hint?: ReactNode; id?: string }) {
  if (error)
    return (
      <p className="field-error" id={id} role="alert">
        {error}
      </p>
    );
  return hint ? <p className="field-hint">{hint}</p> : null;
}

/** A text box whose draft is parsed and committed on Enter or blur. */
function DraftInput(props: {
  id: string;
  path: string;
  shown: string;
  error?: string;
  /** The value the text stands for (NaN when it is no number: the schema says what is wanted), or a message. */
  parse: (text: string) => { ok: true; value: unknown } | { ok: false; message: string };
  disabled?: boolean;
  inputMode: NonNullable<HTMLAttributes<HTMLInputElement>['inputMode']>;
  /** What may be typed (a list of widths), so that a phone offers a keyboard with those keys. */
  pattern?: string;
}) {
  const { update, reject, clearError } = useConfigStore.getState();
  // null = show the config's value; a string = what the user typed and has not committed (or
  // what was rejected, kept so they can fix it).
  const [draft, setDraft] = useState<string | null>(null);
  const commit = () => {
    if (draft === null) return;
    const p = props.parse(draft);
    if (!p.ok) reject(props.path, p.message);
    else if (update(props.path, p.value, draft)) setDraft(null);
  };
  return (
    <input
      id={props.id}
      type="text"
      inputMode={props.inputMode}
      pattern={props.pattern}
      autoComplete="off"
      spellCheck={false}
      value={draft ?? props.shown}
      disabled={props.disabled}
      aria-invalid={props.error ? true : undefined}
      aria-describedby={props.error ? `${props.id}-error` : undefined}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit();
        if (e.key === 'Escape') {
          setDraft(null);
          clearError(props.path);
        }
      }}
    />
  );
}

/** Any text as a number; text that is none becomes NaN, which the schema refuses with its range. */
const readNumber = (scale: number) => (text: string) => {
  const t = text.trim();
  return { ok: true as const, value: t === '' ? Number.NaN : Number(t) / scale };
};

export function NumberField(props: {
  path: string;
  label: string;
  hint?: ReactNode;
  scale?: number;
  disabled?: boolean;
}) {
  const id = useId();
  const { value, problem } = useField(props.path);
  const inputMode = useNumberInputMode(props.path);
  const scale = props.scale ?? 1;
  const error = problem && numberFieldMessage(problem, props.path, props.label, scale);
  const shown = typeof value === 'number' ? String(+(value * scale).toPrecision(6)) : '';
  return (
    <FieldShell id={id} path={props.path} label={props.label} error={error} hint={props.hint}>
      <DraftInput
        id={id}
        path={props.path}
        shown={shown}
        error={error}
        parse={readNumber(scale)}
        disabled={props.disabled}
        inputMode={inputMode}
      />
    </FieldShell>
  );
}

/** Free text (e.g. a prompt); the schema says what is allowed. */
export function TextField(props: { path: string; label: string; hint?: ReactNode }) {
  const id = useId();
  const { value, problem } = useField(props.path);
  const error = problem?.message;
  const parse = (text: string) => ({ ok: true as const, value: text });
  return (
    <FieldShell id={id} path={props.path} label={props.label} error={error} hint={props.hint}>
      <DraftInput
        id={id}
        path={props.path}
        shown={typeof value === 'string' ? value : ''}
        error={error}
        parse={parse}
        inputMode="text"
      />
    </FieldShell>
  );
}

/**
 * A list of whole numbers typed with commas. A text keyboard with a pattern: a phone's numeric
 * and decimal keyboards have no comma key in most locales.
 */
export function WidthsField(props: { path: string; label: string; hint?: ReactNode }) {
  const id = useId();
  const { value, problem } = useField(props.path);
  const error = problem && listFieldMessage(problem, props.path, props.label);
  const shown = Array.isArray(value) ? value.join(', ') : '';
  return (
    <FieldShell id={id} path={props.path} label={props.label} error={error} hint={props.hint}>
      <DraftInput
        id={id}
        path={props.path}
        shown={shown}
        error={error}
        parse={(text) => parseWidths(text, props.label)}
        inputMode="text"
        pattern={WIDTHS_PATTERN}
      />
    </FieldShell>
  );
}

export function SelectField<T extends string>(props: {
  path: string;
  label: string;
  options: readonly { value: T; label: string; disabled?: boolean; title?: string }[];
  hint?: ReactNode;
  /** The field holds a number (the options' values are its digits). */
  numeric?: boolean;
}) {
  const id = useId();
  const { value, problem } = useField(props.path);
  return (
    <FieldShell id={id} path={props.path} label={props.label} error={problem?.message} hint={props.hint}>
      <select
        id={id}
        value={String(value)}
        onChange={(e) =>
          useConfigStore.getState().update(props.path, props.numeric ? Number(e.target.value) : e.target.value)
        }
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value} disabled={o.disabled} title={o.title}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

/** A slider with a number box, for parameters people sweep live (temperature, weights). */
export function SliderField(props: {
  path: string;
  label: string;
  min: number;
  max: number;
  step: number;
  help?: string;
}) {
  const id = useId();
  const prefix = useContext(LabelPrefix);
  const { value, problem } = useField(props.path);
  const inputMode = useNumberInputMode(props.path);
  const error = problem && numberFieldMessage(problem, props.path, props.label);
  const v = typeof value === 'number' ? value : props.min;
  return (
    <FieldShell id={id} path={props.path} label={props.label} error={error} hint={props.help}>
      <div className="slider-row">
        <input
          type="range"
          aria-label={`${prefix ? `${prefix} ` : ''}${props.label} slider`}
          min={props.min}
          max={props.max}
          step={props.step}
          value={v}
          onChange={(e) => useConfigStore.getState().update(props.path, Number(e.target.value))}
        />
        <DraftInput
          id={id}
          path={props.path}
          shown={String(+v.toPrecision(6))}
          error={error}
          parse={readNumber(1)}
          inputMode={inputMode}
        />
      </div>
    </FieldShell>
  );
}

export function ToggleField(props: { path: string; label: string; help?: string }) {
  const id = useId();
  const { value } = useField(props.path);
  const hidden = useControlHidden(props.path);
  if (hidden) return null;
  return (
    <div className="field field-toggle" data-path={props.path}>
      <input
        id={id}
        type="checkbox"
        checked={value === 1 || value === true}
        // Objective toggles are numbers (0/1, so parameters stay numeric); other switches are booleans.
        onChange={(e) =>
          useConfigStore
            .getState()
            .update(props.path, typeof value === 'boolean' ? e.target.checked : Number(e.target.checked))
        }
      />
      <FieldLabel htmlFor={id} label={props.label} />
      {props.help ? <p className="field-hint">{props.help}</p> : null}
    </div>
  );
}

export function Section(props: {
  /** Lesson links can hide a section by this id. */
  id?: ControlId;
  title: string;
  children: ReactNode;
  labelPrefix?: string;
  defaultOpen?: boolean;
}) {
  const hidden = useLinkStore((s) => (props.id ? s.flags.hide.includes(props.id) : false));
  if (hidden) return null;
  return (
    <details className="section" open={props.defaultOpen ?? true}>
      <summary>
        <span>{props.title}</span>
      </summary>
      <div className="section-body">
        <LabelPrefix.Provider value={props.labelPrefix ?? ''}>{props.children}</LabelPrefix.Provider>
      </div>
    </details>
  );
}
