/**
 * How the Data section labels a language task's fields (the shipped corpus and a user's text
 * share them: ui/LanguageFields.tsx), for messages outside the panel. Pure.
 */
import type { TaskFieldLabel } from '../types';
import type { LanguageTask } from './language';

export const LANGUAGE_FIELD_LABELS: Readonly<Record<string, TaskFieldLabel<LanguageTask>>> = {
  context: { label: 'Context (characters)' },
  evalWindows: { label: 'Held-out windows' },
  onPolicy: { label: 'On-policy λ' },
  samplingTemperature: { label: 'Sampling temperature' },
  sampleEvery: { label: 'Samples every (steps)' },
  sequenceKd: { label: 'Sequence-level KD (train on teacher samples)' },
  prompt: { label: 'Prompt' },
};
