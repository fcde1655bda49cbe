/**
 * The text file task in Node on the cpu backend, from the shipped sample: inspect fills in the
 * vocabulary the defaults carry, a transformer teacher trains on the file's windows, and the
 * language task's batches, samples and next-token views work on it, with no leaks.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateConfig } from '../../../config/schema';
import { Session } from '../../../engine/session';
import { TeacherCancelled } from '../../../engine/teacher';
import { fsAssets } from '../../../test/assets';
import { tf, useCpu } from '../../../test/tf';
import { textQueries } from '../../text/engine/queries';
import { TEXTFILE_CONFIG, type TextfileExperiment } from '../defaults';
import { textfileEngine } from '.';
import { SAMPLE_CHARACTERS, SAMPLE_REF, SAMPLE_VOCAB } from '../sample';
import { sha256Hex } from '../../../lib/sha256';

beforeAll(useCpu);

const sampleBytes = () =>
  new Uint8Array(readFileSync(new URL('../../../../public/data/textfile/sample.txt', import.meta.url)));

const small = (over: Partial<TextfileExperiment['task']> = {}, trainSteps = 20): TextfileExperiment => ({
  ...TEXTFILE_CONFIG,
  task: { ...TEXTFILE_CONFIG.task, context: 16, evalWindows: 8, ...over },
  teacher: {
    ...TEXTFILE_CONFIG.teacher,
    model: { kind: 'transformer', layers: 1, width: 16, heads: 2 },
    trainSteps,
  },
  train: { ...TEXTFILE_CONFIG.train, batchSize: 4, evalEvery: 5, lr: 0.01 },
});

describe('the text file task', () => {
  it('ships a sample whose hash, vocabulary and size are what the defaults say', async () => {
    const bytes = sampleBytes();
    expect(await sha256Hex(bytes)).toBe(SAMPLE_REF.sha256);
    expect(bytes.length).toBe(SAMPLE_REF.bytes);
    const { task, summary } = await textfileEngine.inspect!(
      { ...TEXTFILE_CONFIG.task, vocab: 'ab', characters: 1 },
      bytes,
    );
    expect(task).toEqual(TEXTFILE_CONFIG.task);
    expect(task.vocab).toBe(SAMPLE_VOCAB);
    expect(summary.examples).toBe(SAMPLE_CHARACTERS);
    expect(summary.notices[0]).toMatch(/^59,295 characters, 75 symbols; the last 10% is held out\.$/);
    expect(validateConfig(TEXTFILE_CONFIG)).toMatchObject({ ok: true });
  });

  it('refuses a file that does not give the config its vocabulary', async () => {
    await expect(
      textfileEngine.load({ ...TEXTFILE_CONFIG.task, vocab: SAMPLE_VOCAB.slice(1) }, 1, fsAssets),
    ).rejects.toThrow(/does not match this experiment’s vocabulary/);
  });

  it('trains a transformer teacher on the file, then distils with token KD, sequence KD and on-policy steps', async () => {
    const start = tf.memory().numTensors;
    const progress: number[] = [];
    const cfg = small({ onPolicy: 0.5, sequenceKd: true });
    const s = await Session.create(cfg, {
      assets: fsAssets,
      onProgress: (p) => p.phase === 'teacher' && progress.push(p.done),
    });
    expect(progress.at(-1)).toBe(20);
    expect(s.teacher.weightsHash).toMatch(/^[0-9a-f]{12}$/);
    expect(s.data.classes).toBe(Array.from(SAMPLE_VOCAB).length);
    for (let i = 0; i < 6; i++) {
      if (s.needsPrepare) await s.prepareStep();
      s.trainStep();
    }
    const r = await s.flush();
    expect(r.steps).toHaveLength(6);
    expect(Array.from(r.losses).every(Number.isFinite)).toBe(true);
    const samples = await textQueries.samples!(s, { length: 20 }, (work) => work());
    expect(samples!.prompt).toBe('The whale ');
    expect(Array.from(samples!.teacher)).toHaveLength(20);
    expect(Array.from(samples!.teacher).every((ch) => SAMPLE_VOCAB.includes(ch))).toBe(true);
    const next = await textQueries.nextTokens!(s, { position: 10 }, (work) => work());
    expect(next!.teacher).toHaveLength(Array.from(SAMPLE_VOCAB).length);
    s.dispose();
    expect(tf.memory().numTensors).toBe(start);
  });

  it('stops training the teacher when cancelled, leaving nothing behind', async () => {
    const start = tf.memory().numTensors;
    let asked = 0;
    const build = Session.create(small({}, 200), { assets: fsAssets, cancelled: () => ++asked >= 1 });
    await expect(build).rejects.toBeInstanceOf(TeacherCancelled);
    expect(asked).toBe(1);
    expect(tf.memory().numTensors).toBe(start);
  });

  it('trains the same teacher from the same seed', async () => {
    const a = await Session.create(small({}, 5), { assets: fsAssets });
    const b = await Session.create(small({}, 5), { assets: fsAssets });
    expect(a.teacher.weightsHash).toBe(b.teacher.weightsHash);
    a.dispose();
    b.dispose();
  });
});
