/**
 * The speculative-decoding demo on the real engine (cpu backend, the shipped teacher and a tiny
 * student): greedy drafting gives exactly the teacher's own greedy text, whatever the student;
 * sampling is reproducible from the seed; the counts add up; nothing leaks.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../../engine/models/generate';
import { createRng } from '../../../lib/rng';
import { isSequenceModel } from '../../../engine/models/sequence';
import { Session } from '../../../engine/session';
import { fsAssets } from '../../../test/assets';
import { tf, useCpu } from '../../../test/tf';
import { TEXT_CONFIG, TEXT_STUDENTS, type TextExperiment } from '../defaults';
import { TEXT_VOCAB } from '../normalise';
import { speculativeRun } from './draft';

beforeAll(useCpu);

const small: TextExperiment = {
  ...TEXT_CONFIG,
  task: { ...TEXT_CONFIG.task, context: 16, evalWindows: 8 },
  student: TEXT_STUDENTS.tinyTransformer.spec,
  train: { ...TEXT_CONFIG.train, batchSize: 4, evalEvery: 5, lr: 0.01 },
};
const prompt = Int32Array.from(['t', 'h', 'e'].map((c) => TEXT_VOCAB.indexOf(c)));
const atOnce = <T>(work: () => Promise<T>) => work();

describe('the student as a draft model', () => {
  it('greedy speculative decoding writes the teacher’s greedy text; sampling is seeded; counts add up; no leaks', async () => {
    const s = await Session.create(small, { assets: fsAssets });
    for (let i = 0; i < 5; i++) s.trainStep();
    await s.flush();
    expect(s.evalColumns.map((c) => c.id)).toEqual(
      expect.arrayContaining(['acceptance', 'draftChars', 'greedyDraftChars']),
    );
    const before = tf.memory().numTensors;
    // Prompt + 9 characters fit the demo's window (context 16 − γ 4), as the teacher's own generation reads them.
    const greedy = await speculativeRun(s, prompt, 0, 'greedy', 9, atOnce);
    const teacher = s.teacher.model;
    if (!isSequenceModel(teacher)) throw new Error('expected a sequence teacher');
    const own = await generate(teacher.sequence, prompt, 9, { temperature: 0, rng: createRng(1) });
    expect(Array.from(greedy.ids)).toEqual(Array.from(own));

    const a = await speculativeRun(s, prompt, 0, 'sampling', 40, atOnce);
    const b = await speculativeRun(s, prompt, 0, 'sampling', 40, atOnce);
    expect(Array.from(b.ids)).toEqual(Array.from(a.ids));
    expect(a.ids).toHaveLength(40);
    expect(a.drafted).toHaveLength(40);
    // Each call adds its accepted drafts and one teacher character (the last call may be cut).
    const drafted = a.drafted.reduce((n, d) => n + d, 0);
    expect(drafted).toBeLessThanOrEqual(a.accepted);
    expect(a.accepted + a.calls).toBeGreaterThanOrEqual(40);
    expect(a.proposed).toBe(4 * a.calls);
    expect(tf.memory().numTensors).toBe(before);
    s.dispose();
  });
});
