/**
 * Lane exports through a real session: an imported student is saved as the layers model it is
 * (its weights come back byte for byte), each lane under its own file names.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { laneFor } from '../config/defaults';
import { TOY_CONFIG } from '../tasks/toy2d/defaults';
import type { ExperimentConfig } from '../config/schema';
import { registerImported } from '../engine/imported';
import { importLayersModel } from '../engine/model-io';
import { BASE_EXPECT, validModelFiles } from '../engine/model-io/fixtures';
import { Session } from '../engine/session';
import { tf, useCpu } from '../test/tf';
import { exportLanes } from './export-lanes';

beforeAll(useCpu);

describe('exportLanes', () => {
  it('saves an imported student as its layers model, per lane, with the weights it was imported with', async () => {
    const { files } = await validModelFiles();
    const info = await registerImported('fixture student', files, BASE_EXPECT);
    const config: ExperimentConfig = {
      ...TOY_CONFIG,
      backend: 'cpu',
      teacher: { ...TOY_CONFIG.teacher, trainSteps: 20 },
      student: { kind: 'imported', ...info },
      lanes: [laneFor('hinton'), laneFor('reverse-kl')],
    };
    const before = tf.memory().numTensors;
    const session = await Session.create(config);
    try {
      const out = await exportLanes(session, ['student-1-hinton', 'student-2-reverse-kl']);
      expect(out.map((m) => ('error' in m ? m.error : [m.format, m.fileStem, m.weightsFile]))).toEqual([
        ['layers-model', 'student-1-hinton-step0', 'student-1-hinton-step0.weights.bin'],
        ['layers-model', 'student-2-reverse-kl-step0', 'student-2-reverse-kl-step0.weights.bin'],
      ]);
      for (const m of out) {
        if ('error' in m) continue;
        // Untrained (step 0), so the files hold exactly the imported weights: the same hash.
        const again = await importLayersModel(
          { modelJson: JSON.stringify(m.modelJson), weights: [{ name: m.weightsFile, bytes: m.weights }] },
          BASE_EXPECT,
        );
        expect(again.weightsHash).toBe(info.hash);
        again.model.dispose();
      }
    } finally {
      session.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});
