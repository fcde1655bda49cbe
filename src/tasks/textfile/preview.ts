import type { TextfileTask } from './schema';

/** The text file task: its vocabulary at once, a held-out passage once the file is loaded. */
export interface TextfilePreview {
  kind: 'textfile';
  classes: number;
  classNames?: undefined;
  /** Symbols in id order. */
  vocab: string;
  /** The start of the held-out text, for the next-token view. */
  passage?: string;
}

export const symbolCount = (task: Pick<TextfileTask, 'vocab'>): number => Array.from(task.vocab).length;

export function textfilePreview(task: TextfileTask): TextfilePreview {
  return { kind: 'textfile', classes: symbolCount(task), vocab: task.vocab };
}
