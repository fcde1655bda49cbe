/**
 * What getting the teacher ready means for an experiment, worded in one place for the worker's
 * status messages and the run bar. A toy teacher is trained here on the labels; the image and
 * text tasks load a shipped, pretrained one; an imported one is loaded and measured on the task.
 * None of them is "trained" unless the first is the case, so no text may say so otherwise.
 */
import type { ExperimentConfig } from './schema';
import { forTask } from '../tasks/registry';

export type TeacherSource = 'trained' | 'shipped' | 'imported';

/** The steps before distillation starts (engine/teacher.ts reports progress in these). */
export type PreparePhase = 'data' | 'teacher' | 'cache' | 'pool';

export interface PrepareProgress {
  phase: PreparePhase;
  done: number;
  total: number;
  detail?: string;
}

type Config = Pick<ExperimentConfig, 'task' | 'teacher'>;

export function teacherSource(cfg: Config): TeacherSource {
  const { kind } = cfg.teacher.model;
  if (kind === 'pretrained') return 'shipped';
  if (kind === 'imported') return 'imported';
  return 'trained';
}

const READY: Record<TeacherSource, string> = {
  trained: 'Ready: press Play to train the teacher, then distil.',
  shipped: 'Ready: press Play to load the shipped teacher, then distil.',
  imported: 'Ready: press Play to measure the imported teacher on this task, then distil.',
};

/** The run bar's text while nothing is built: what Play will do first. */
export function readyText(cfg: Config): string {
  return READY[teacherSource(cfg)];
}

/** The status message while the data and the teacher get ready. */
export function preparingText(cfg: Config): string {
  // Generated data is made on the spot; shipped files are loaded first.
  const files = forTask(cfg.task).files ?? undefined;
  switch (teacherSource(cfg)) {
    case 'trained':
      return files
        ? `Loading ${files}, then training the teacher on the labels…`
        : 'Training the teacher on the labels…';
    case 'shipped':
      return `Loading ${files ?? 'the data'} and the shipped teacher…`;
    case 'imported':
      return files
        ? `Loading ${files}, then measuring the imported teacher on it…`
        : 'Measuring the imported teacher on this task…';
  }
}

const TEACHER_PHASE: Record<TeacherSource, string> = {
  trained: 'Teacher training',
  shipped: 'Loading the shipped teacher',
  imported: 'Loading the imported teacher',
};

/** The name of a progress bar (its accessible label). */
export function progressLabel(cfg: Config, phase: PreparePhase): string {
  if (phase === 'data') return 'Loading data';
  if (phase === 'cache') return 'Caching teacher outputs';
  if (phase === 'pool') return 'Filling the teacher-output pool';
  return TEACHER_PHASE[teacherSource(cfg)];
}

const count = (n: number) => n.toLocaleString('en-US');

/** A progress line: "Teacher training 150/400 · loss 0.123", "Loading data 0.6 of 1.2 MB". */
export function progressText(cfg: Config, p: PrepareProgress): string {
  const label = progressLabel(cfg, p.phase);
  const detail = p.detail ? ` · ${p.detail}` : '';
  if (p.phase === 'data') return `${label} ${(p.done / 1e6).toFixed(1)} of ${(p.total / 1e6).toFixed(1)} MB`;
  // A small teacher distilled from the loaded one counts its steps (engine/distilled-teacher.ts).
  if (p.phase === 'teacher' && distilling(cfg, p))
    return `Distilling the small teacher ${count(p.done)}/${count(p.total)}${detail}`;
  // Loading a teacher is one file, not steps: a "1/1" count would read as one training step.
  if (p.phase === 'teacher' && teacherSource(cfg) !== 'trained') return `${label}${detail}`;
  if (p.phase === 'pool') return `${label} ${count(p.done)}/${count(p.total)} windows${detail}`;
  return `${label} ${count(p.done)}/${count(p.total)}${detail}`;
}

/** Whether a teacher-phase progress report is a distilled small teacher's steps (loading reports 1 of 1). */
const distilling = (cfg: Config, p: Pick<PrepareProgress, 'total'>): boolean =>
  cfg.teacher.distilled !== undefined && p.total > 1;

/** Whether the run bar offers Cancel during this phase: the long ones, a teacher trained or distilled here, a pool filled. */
export const cancellable = (cfg: Config, phase: PreparePhase): boolean =>
  phase === 'pool' ||
  (phase === 'teacher' && (teacherSource(cfg) === 'trained' || cfg.teacher.distilled !== undefined));
