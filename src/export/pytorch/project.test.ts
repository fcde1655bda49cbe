/**
 * The exported project as a user unzips it: its files, its config.json, its refusal of a
 * config.json it was not written for, and the reasons an experiment cannot be exported yet.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { lane } from '../../config/lanes';
import type { ExperimentConfig } from '../../config/schema';
import { Session } from '../../engine/session';
import { IMAGE_CONFIG } from '../../tasks/images/defaults';
import { TEXT_CONFIG } from '../../tasks/text/defaults';
import { TOY_CONFIG } from '../../tasks/toy2d/defaults';
import { fsAssets } from '../../test/assets';
import { tf, useCpu } from '../../test/tf';
import { projectBlocker } from '../../worker/pytorch-export';
import { exportProject, projectRefusal } from '../../worker/pytorch-project';
import { requirePython } from './python';
import { unzipProject } from './replay-harness';
import { torchdistillYaml, trlGkdConfig } from './snippets';

beforeAll(useCpu);

describe('the exported PyTorch project', () => {
  it('holds the code, the data, the weights, config.json and a README that names every file', async () => {
    const s = await Session.create(TOY_CONFIG, { assets: fsAssets });
    const { zip, fileName, files } = await exportProject(s, '9.9.9', 'http://x/#v=2&c=abc');
    s.dispose();
    expect(fileName).toBe('kd-studio-toy2d-seed42.zip');
    const dir = unzipProject(zip);
    const expected = [
      'README.md',
      'requirements.txt',
      'config.json',
      'train.py',
      'kd/objectives.py',
      'kd/models.py',
      'kd/data.py',
      'kd/rng.py',
      'kd/sampler.py',
      'kd/torchrun.py',
      'data/train_x.npy',
      'data/train_y.npy',
      'data/test_x.npy',
      'data/labelled.npy',
      'data/teacher_train_logits.npy',
      'weights/teacher.json',
      'weights/teacher.bin',
      'weights/student-init.json',
      'weights/student-init.bin',
      'snippets/torchdistill-lane-1.yaml',
    ];
    for (const f of expected) expect(existsSync(join(dir, f)), f).toBe(true);
    expect(files).toBeGreaterThan(expected.length);
    // No test-only files ship.
    expect(existsSync(join(dir, 'kd', 'crosscheck.py'))).toBe(false);
    const project = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'));
    expect(project).toMatchObject({ format: 'kd-studio-pytorch', exportSchema: 1, studioVersion: '9.9.9' });
    expect(project.config).toEqual(TOY_CONFIG);
    expect(project.link).toBe('http://x/#v=2&c=abc');
    expect(project.resolved.data).toMatchObject({ kind: 'rows', inputShape: [2], classes: 3 });
    expect(project.resolved.adamEpsilon).toBe(1e-7);
    const readme = readFileSync(join(dir, 'README.md'), 'utf8');
    for (const cmd of ['pip install -r requirements.txt', 'python train.py', 'torchrun --nproc_per_node=2 train.py'])
      expect(readme).toContain(cmd);
    for (const f of ['config.json', 'train.py', 'kd/objectives.py', 'kd/models.py', 'kd/data.py', 'weights/'])
      expect(readme).toContain(`\`${f}\``);
    expect(readFileSync(join(dir, 'requirements.txt'), 'utf8')).toMatch(/torch>=1\.13\nnumpy>=1\.24/);

    // train.py refuses a config.json of another export schema, in words, before doing anything.
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ ...project, exportSchema: 99 }));
    const r = spawnSync(requirePython(), ['train.py', '--steps', '1'], { cwd: dir, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('has export schema 99, but this train.py reads schema 1');
    writeFileSync(join(dir, 'config.json'), '{ not json');
    const bad = spawnSync(requirePython(), ['train.py'], { cwd: dir, encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/config\.json is not valid JSON/);
    expect(bad.stderr).not.toMatch(/Traceback/);
  }, 120_000);

  it('says why an experiment cannot be exported yet', () => {
    const blocker = (config: ExperimentConfig, data: Record<string, unknown> = {}) =>
      projectBlocker({ config, data: { host: {}, ...data } } as unknown as Session);
    expect(blocker(TOY_CONFIG)).toBeNull();
    expect(blocker(IMAGE_CONFIG, { augment: () => null })).toMatch(/Augmentation and mixup do not export/);
    expect(blocker(IMAGE_CONFIG, { gapSampling: true })).toMatch(/Gap-aware sampling/);
    expect(blocker({ ...TEXT_CONFIG, task: { ...TEXT_CONFIG.task, onPolicy: 0.5 } })).toMatch(/On-policy/);
    expect(blocker(TEXT_CONFIG, { host: { text: { student: {} } } })).toMatch(/own vocabulary/);
    const topK = { ...IMAGE_CONFIG, lanes: [IMAGE_CONFIG.lanes[0]!, { ...IMAGE_CONFIG.lanes[0]!, teacherTopK: 3 }] };
    expect(blocker(topK)).toMatch(/^Student 2 learns from the teacher’s top k, which does not export to PyTorch yet/);
    expect(blocker({ ...IMAGE_CONFIG, lanes: [{ ...IMAGE_CONFIG.lanes[0]!, teacherTopK: 10 }] })).toBeNull();
  });

  it('greys out an imported model with a layer PyTorch has no counterpart for, naming the layer', () => {
    const layers = tf.sequential({
      layers: [
        tf.layers.conv1d({ inputShape: [8, 2], filters: 2, kernelSize: 3, name: 'c1' }),
        tf.layers.flatten(),
        tf.layers.dense({ units: 3 }),
      ],
    });
    const session = { config: TOY_CONFIG, data: { host: {} }, teacher: { model: { layers } }, lanes: [] };
    expect(projectRefusal(session as unknown as Session)).toMatch(
      /^The teacher cannot be exported to PyTorch: Layer c1 is a Conv1D, which the PyTorch export has no counterpart for/,
    );
    layers.dispose();
  });
});

describe('the config snippets name every difference in semantics', () => {
  it('torchdistill: its alpha weighs the cross-entropy, so it is 1 − the studio’s α', () => {
    const yaml = torchdistillYaml({ ...IMAGE_CONFIG, lanes: [lane('hinton', { T: 4, alpha: 0.9 })] });
    expect(yaml).toMatch(/^# torchdistill config sketch/);
    expect(yaml).toContain("key: 'KDLoss'");
    expect(yaml).toMatch(/temperature: 4\n\s+alpha: 0\.1 /);
    expect(yaml).toContain('alpha weighs the CE');
    expect(yaml).toContain('eps: 1.0e-7');
    expect(torchdistillYaml({ ...IMAGE_CONFIG, lanes: [lane('dkd', {})] })).toContain('no torchdistill built-in');
  });

  it('TRL: its temperature is the sampling temperature and its loss is JSD at T = 1', () => {
    const py = trlGkdConfig({
      ...TEXT_CONFIG,
      task: { ...TEXT_CONFIG.task, onPolicy: 0.5, samplingTemperature: 0.8 },
      lanes: [lane('jsd', { beta: 0.3, T: 2 })],
    });
    expect(py).toContain('lmbda=0.5');
    expect(py).toContain('beta=0.3');
    expect(py).toContain('temperature=0.8,  # sampling temperature');
    expect(py).toMatch(/SAMPLING temperature/);
    expect(py).toMatch(/loss temperature T \(2\) has no TRL counterpart/);
    expect(py).toMatch(/no cross-entropy term/);
  });
});
