import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, TASK_DEFAULTS } from '../config/defaults';
import { getPreset } from '../config/presets';
import { deepEqual } from '../lib/equal';
import { createRng } from '../lib/rng';
import { SHIPPED_LESSONS } from '.';
import { decodeLessonParam, encodeLessonParam, LESSON_PAYLOAD_CHARS } from './lesson-link';
import { parseLesson, parseLessonText } from './parse';
import { addCheckpoint, emptyDraft, patchBetween } from './record';
import { resolveLesson } from './resolve';
import type { Lesson } from './schema';

const lesson = (steps: unknown[]): unknown => ({ format: 1, title: 'T', summary: 'S', steps });
const step = (extra: Record<string, unknown> = {}) => ({
  title: 'A step',
  until: { steps: 100 },
  note: { view: 'agreement', text: 'Look.' },
  ...extra,
});
const ok = (value: unknown): Lesson => {
  const r = parseLesson(value);
  if (!r.ok) throw new Error(r.errors.join(' '));
  return r.lesson;
};

describe('the lesson schema', () => {
  it('takes a minimal lesson and fills the defaults', () => {
    const l = ok(lesson([step()]));
    expect(l.steps[0]!.experiment).toEqual({});
  });

  it('says where a problem is, in words', () => {
    const r = parseLesson(
      lesson([
        step(),
        step({ question: { prompt: 'Q?', choices: ['a', 'b'], answer: 2, feedback: 'f' } }),
        step({ until: { metric: 'agreement', op: '>', value: 0.9, cap: 100 } }),
        step({ note: { view: 'nowhere', text: 'x' } }),
      ]),
    );
    expect(r.ok).toBe(false);
    const errors = r.ok ? [] : r.errors;
    expect(errors).toContain('Step 2, question, answer: The answer must be one of the choices.');
    expect(errors.some((e) => e.startsWith('Step 3, until: '))).toBe(true);
    expect(errors.some((e) => e.startsWith('Step 4, note, view: The view is one of'))).toBe(true);
  });

  it('refuses what is not a lesson, without throwing', () => {
    expect(parseLessonText('{').ok).toBe(false);
    expect(parseLessonText('[1, 2]').ok).toBe(false);
    expect(parseLessonText('{"format": 2, "title": "x", "summary": "y", "steps": []}')).toMatchObject({ ok: false });
    expect(parseLessonText('x'.repeat(200_000))).toMatchObject({ ok: false });
    const deep = JSON.parse('{"a":'.repeat(50) + '1' + '}'.repeat(50)) as unknown;
    expect(parseLesson({ ...(lesson([step()]) as object), deep }).ok).toBe(false);
  });

  it('refuses prototype keys and leaves Object.prototype alone', () => {
    const r = parseLessonText('{"format":1,"title":"t","summary":"s","steps":[],"__proto__":{"polluted":1}}');
    expect(r.ok).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('bounds the text, the steps and the choices', () => {
    expect(parseLesson(lesson(Array.from({ length: 21 }, () => step()))).ok).toBe(false);
    expect(parseLesson(lesson([step({ note: { view: 'kl', text: 'x'.repeat(2000) } })])).ok).toBe(false);
    const many = { prompt: 'Q', choices: Array.from({ length: 7 }, (_, i) => `c${i}`), answer: 0, feedback: 'f' };
    expect(parseLesson(lesson([step({ question: many })])).ok).toBe(false);
  });
});

describe('resolving a lesson into experiments', () => {
  it('applies presets and patches in order, and sets Steps to each checkpoint', () => {
    const l = ok(
      lesson([
        step({ experiment: { preset: 'modes', patch: { backend: 'wasm' } }, until: { steps: 250 } }),
        step({ experiment: { patch: { 'lanes.2.params.beta': 0.95 } }, until: { steps: 1000 } }),
        step({ until: { metric: 'agreement', lane: 1, op: '>=', value: 0.9, cap: 3000 } }),
      ]),
    );
    const { steps, notices } = resolveLesson(l);
    expect(notices).toEqual([]);
    const modes = getPreset('modes')!.config;
    expect(steps[0]!.fresh).toBe(true);
    expect(steps[0]!.config).toEqual({ ...modes, backend: 'wasm', train: { ...modes.train, steps: 250 } });
    expect(steps[1]!.fresh).toBe(false);
    expect(steps[1]!.config.lanes[2]!.params.beta).toBe(0.95);
    expect(steps[1]!.config.train.steps).toBe(1000);
    expect(steps[2]!.config.lanes[2]!.params.beta).toBe(0.95);
    expect(steps[2]!.config.train.steps).toBe(3000);
  });

  it('repairs a bad value the way a link is repaired, naming it as the panel does', () => {
    const l = ok(
      lesson([
        step({ experiment: { patch: { 'train.lr': 'fast', 'lanes.7.objective': 'x', 'no.such': 1 } } }),
        step({ experiment: { preset: 'no-such-preset' } }),
      ]),
    );
    const { steps, notices } = resolveLesson(l);
    expect(steps[0]!.config.train.lr).toBe(DEFAULT_CONFIG.train.lr);
    expect(notices.some((n) => n.startsWith('Step 1: Learning rate'))).toBe(true);
    expect(notices).toContain('Step 1: lanes.7.objective: no such setting in this experiment; ignored');
    expect(notices).toContain('Step 1: no.such: no such setting in this experiment; ignored');
    expect(notices.some((n) => n.startsWith('Step 2: there is no ready-made experiment “no-such-preset”'))).toBe(true);
  });

  it('starts from another task’s default when a patch names its kind', () => {
    const kind = Object.keys(TASK_DEFAULTS).find((k) => k !== DEFAULT_CONFIG.task.kind)!;
    const { steps } = resolveLesson(ok(lesson([step({ experiment: { patch: { 'task.kind': kind } } })])));
    expect(steps[0]!.config.task.kind).toBe(kind);
  });
});

describe('authoring', () => {
  it('records each checkpoint as a patch that resolves back to the experiment on screen', () => {
    const a = { ...DEFAULT_CONFIG, train: { ...DEFAULT_CONFIG.train, lr: 0.05, steps: 99 } };
    const b = { ...a, lanes: [{ ...a.lanes[0]!, params: { ...a.lanes[0]!.params, T: 2 } }] };
    const kind = Object.keys(TASK_DEFAULTS).find((k) => k !== DEFAULT_CONFIG.task.kind)!;
    const c = TASK_DEFAULTS[kind as keyof typeof TASK_DEFAULTS];
    let draft = emptyDraft();
    draft = addCheckpoint(draft, { config: a, step: 120, view: 'loss', note: 'one' });
    draft = addCheckpoint(draft, { config: b, step: 300, view: 'kl', note: 'two', title: 'Cooler' });
    draft = addCheckpoint(draft, { config: c, step: 10, view: 'readouts', note: 'three' });
    expect(draft.steps[0]!.experiment.patch).toEqual({ 'train.lr': 0.05 });
    expect(draft.steps[1]!.experiment.patch).toEqual({ 'lanes.0.params.T': 2 });
    expect(draft.steps[1]!.title).toBe('Cooler');
    expect(draft.steps[2]!.experiment.patch!['task.kind']).toBe(kind);
    const parsed = ok(JSON.parse(JSON.stringify(draft)));
    const { steps, notices } = resolveLesson(parsed);
    expect(notices).toEqual([]);
    const same = (x: typeof a, y: typeof a, n: number) => deepEqual(x, { ...y, train: { ...y.train, steps: n } });
    expect(same(steps[0]!.config, a, 120)).toBe(true);
    expect(same(steps[1]!.config, b, 300)).toBe(true);
    expect(same(steps[2]!.config, c, 10)).toBe(true);
  });

  it('leaves Steps out of the patch', () => {
    const a = { ...DEFAULT_CONFIG, train: { ...DEFAULT_CONFIG.train, steps: 12 } };
    expect(patchBetween(DEFAULT_CONFIG, a)).toEqual({});
  });
});

describe('lessons in links', () => {
  it('round-trips a lesson', () => {
    const l = ok(lesson([step({ experiment: { preset: 'default' } })]));
    const e = encodeLessonParam(l);
    expect(e.ok).toBe(true);
    const d = decodeLessonParam(e.ok ? e.payload : '');
    expect(d).toEqual({ ok: true, lesson: l });
  });

  it('refuses a damaged, oversized or hostile payload with a message', () => {
    expect(decodeLessonParam('!!!not-lz')).toMatchObject({ ok: false });
    expect(decodeLessonParam('A'.repeat(LESSON_PAYLOAD_CHARS + 1))).toMatchObject({ ok: false });
    const hostile = encodeLessonParam({
      format: 1,
      title: '<img src=x onerror=alert(1)>',
      summary: 's',
      steps: [],
    } as never);
    const r = decodeLessonParam(hostile.ok ? hostile.payload : '');
    expect(r.ok).toBe(false);
    expect(r.ok ? [] : r.errors).toContain('steps: A lesson has at least one step.');
  });

  it('never throws on a damaged link: 500 mutations of a real lesson payload', () => {
    const real = encodeLessonParam(SHIPPED_LESSONS[0]!.lesson);
    const payload = real.ok ? real.payload : '';
    const rng = createRng(7, 'lesson-link-fuzz');
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$';
    let refused = 0;
    for (let i = 0; i < 500; i++) {
      const chars = payload.split('');
      for (let k = 0; k < 1 + rng.int(4); k++) {
        const at = rng.int(chars.length);
        const op = rng.int(3);
        if (op === 0) chars[at] = alphabet[rng.int(alphabet.length)]!;
        else if (op === 1) chars.splice(at, 1);
        else chars.splice(at, 0, alphabet[rng.int(alphabet.length)]!);
      }
      const r = decodeLessonParam(chars.join(''));
      if (r.ok) expect(parseLesson(r.lesson).ok).toBe(true);
      else {
        refused++;
        expect(r.errors.length).toBeGreaterThan(0);
      }
    }
    expect(refused).toBeGreaterThan(0);
  });

  it('says a lesson is too long for a link instead of making one', () => {
    const rng = createRng(1, 'lesson-test');
    const noisy = () => Array.from({ length: 1400 }, () => String.fromCharCode(33 + rng.int(90))).join('');
    const big = ok(lesson(Array.from({ length: 20 }, () => step({ note: { view: 'kl', text: noisy() } }))));
    const e = encodeLessonParam(big);
    expect(e.ok).toBe(false);
  });
});

describe('the shipped lessons', () => {
  it('are at least the five, each valid, resolving without repairs and fitting in a link', () => {
    expect(SHIPPED_LESSONS.length).toBeGreaterThanOrEqual(5);
    for (const { id, lesson: l } of SHIPPED_LESSONS) {
      expect(resolveLesson(l).notices, id).toEqual([]);
      expect(encodeLessonParam(l).ok, id).toBe(true);
      for (const s of l.steps) if (s.question) expect(s.question.answer, id).toBeLessThan(s.question.choices.length);
    }
  });
});

describe('the shipped lessons’ order', () => {
  it('follows the number their file names start with (10 after 9, not after 1)', () => {
    const numbers = SHIPPED_LESSONS.map(({ id }) => Number(id.split('-')[0]));
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    expect(numbers).toContain(10);
  });
});
