import { describe, expect, it } from 'vitest';
import { TOY_CONFIG } from '../tasks/toy2d/defaults';
import { decodeLink, encodeLink } from './codec';
import { CONTROL_IDS, controlPathKnown, type LinkFlags } from './flags';
import { expectOk, roundTrip } from './link.fixtures';

describe('link flags', () => {
  it('round-trips flags', () => {
    const cases: [Partial<LinkFlags>, LinkFlags][] = [
      [{}, { play: false, hide: [], present: false }],
      [{ play: true }, { play: true, hide: [], present: false }],
      [{ present: true }, { play: false, hide: [], present: true }],
      [
        { hide: ['presets', 'data', 'teacher', 'data'] },
        { play: false, hide: ['data', 'teacher', 'presets'], present: false },
      ],
      [{ hide: [...CONTROL_IDS] }, { play: false, hide: [...CONTROL_IDS], present: false }],
      [
        { play: true, present: true, stamp: { appVersion: '0.1.0', seed: 42, backend: 'webgpu' } },
        { play: true, hide: [], present: true, stamp: { appVersion: '0.1.0', seed: 42, backend: 'webgpu' } },
      ],
      [
        { stamp: { appVersion: '1.2.3-beta.4+build.5', seed: 42, backend: 'wasm', teacherHash: '3f2a9c01b7de' } },
        {
          play: false,
          hide: [],
          present: false,
          stamp: { appVersion: '1.2.3-beta.4+build.5', seed: 42, backend: 'wasm', teacherHash: '3f2a9c01b7de' },
        },
      ],
      // A stamp that would not read back is left out rather than written wrong.
      [{ stamp: { appVersion: '1.0', seed: 42, backend: 'web.gpu' } }, { play: false, hide: [], present: false }],
      [{ stamp: { appVersion: '', seed: 42, backend: 'cpu' } }, { play: false, hide: [], present: false }],
      [{ stamp: { appVersion: '1', seed: -1, backend: 'cpu' } }, { play: false, hide: [], present: false }],
    ];
    for (const [flags, expected] of cases) {
      const r = roundTrip(TOY_CONFIG, flags);
      expect(r.flags).toEqual(expected);
      expect(r.notices).toEqual([]);
    }
  });

  it('writes readable flags', () => {
    const link = encodeLink(TOY_CONFIG, {
      play: true,
      present: true,
      hide: ['teacher', 'data'],
      stamp: { appVersion: '0.1.0', seed: 42, backend: 'webgpu', teacherHash: 'abc123' },
    });
    expect(link).toBe('v=2&c=N4XyA&play=1&mode=present&hide=data,teacher&stamp=0.1.0.42.webgpu.abc123');
  });

  it('reads flags leniently, with notices for what it drops', () => {
    const r = expectOk(decodeLink('v=2&c=N4XyA&play=yes&mode=lecture&hide=data,%3Cb%3E,,teacher&stamp=nope'));
    expect(r.flags).toEqual({ play: false, hide: ['data', 'teacher'], present: false });
    expect(r.notices).toEqual([
      'play=“yes” is not 1 or 0; not playing.',
      'Unknown mode “lecture”; ignored.',
      'Unknown controls to hide ignored: <b>.',
      'The reproducibility stamp “nope” is not readable; ignored.',
    ]);
    const s = expectOk(decodeLink('v=2&c=N4XyA&stamp=0.1.0.7.cpu'));
    expect(s.notices).toEqual(['The reproducibility stamp says seed 7, but the experiment uses seed 42.']);
  });
});

describe('single controls to hide (lesson mode, TensorFlow Playground style)', () => {
  it('reads config paths in hide= next to sections, and writes them back sorted after the sections', () => {
    const r = expectOk(decodeLink('v=2&c=N4XyA&hide=train.lr,data,seed,lanes.0.params.T,seed'));
    expect(r.flags).toEqual({
      play: false,
      hide: ['data'],
      hideFields: ['lanes.0.params.T', 'seed', 'train.lr'],
      present: false,
    });
    expect(r.notices).toEqual([]);
    const link = encodeLink(TOY_CONFIG, r.flags);
    expect(link).toBe('v=2&c=N4XyA&hide=data,lanes.0.params.T,seed,train.lr');
    expect(roundTrip(TOY_CONFIG, r.flags).flags).toEqual(r.flags);
  });

  it('reads <control>_hide=true for controls and sections, as TensorFlow Playground writes them', () => {
    const r = expectOk(
      decodeLink('v=2&c=N4XyA&seed_hide=true&train.lr_hide=1&teacher_hide=true&task.noise_hide=false'),
    );
    expect(r.flags).toEqual({ play: false, hide: ['teacher'], hideFields: ['seed', 'train.lr'], present: false });
    expect(r.notices).toEqual([]);
    // Both spellings together, the same control twice: once.
    const both = expectOk(decodeLink('v=2&c=N4XyA&hide=seed&seed_hide=true'));
    expect(both.flags.hideFields).toEqual(['seed']);
  });

  it('knows every control of every task, lane parameters and schedules, and nothing else', () => {
    for (const path of [
      'seed',
      'backend',
      'task.kind',
      'task.noise',
      'task.points',
      'task.augment.flip',
      'task.context',
      'task.studentVocab',
      'teacher.trainSteps',
      'teacher.model.hidden',
      'student.hidden',
      'student.window',
      'student.heads',
      'student.filters',
      'train.lr',
      'train.stepsPerFrame',
      'lanes.0.objective',
      'lanes.5.params.beta',
      'lanes.1.schedule.temperatureEnd',
      'lanes.2.teacherTopK',
      'lanes.2.missingProbability',
    ])
      expect(controlPathKnown(path), path).toBe(true);
    for (const path of [
      '',
      'train',
      'task',
      'lanes.0',
      'lanes.6.objective',
      'lanes.0.params.nope',
      '__proto__',
      'constructor',
      'train.__proto__',
      'seed.toString',
      'x'.repeat(200),
    ])
      expect(controlPathKnown(path), path).toBe(false);
  });

  it('drops what it cannot read, with notices, and caps how many controls a link hides', () => {
    const r = expectOk(decodeLink('v=2&c=N4XyA&hide=seed,%3Cimg%3E,train&__proto___hide=true&seed_hide=maybe'));
    expect(r.flags).toEqual({ play: false, hide: [], hideFields: ['seed'], present: false });
    expect(r.notices).toEqual([
      'seed_hide=“maybe” is not true or false; that control is not hidden.',
      'Unknown controls to hide ignored: <img>, train, __proto__.',
    ]);
    const many = Array.from({ length: 6 }, (_, l) =>
      [
        'objective',
        'params.T',
        'params.alpha',
        'params.beta',
        'schedule.warmup',
        'schedule.temperatureEnd',
        'params.t2',
      ]
        .map((f) => `lanes.${l}.${f}`)
        .join(','),
    ).join(',');
    const capped = expectOk(decodeLink(`v=2&c=N4XyA&hide=${many}`));
    expect(capped.flags.hideFields).toHaveLength(40);
    expect(capped.notices).toEqual(['Only the first 40 of 42 controls to hide are hidden.']);
  });
});
