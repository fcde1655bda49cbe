/** The experiment's settings, by section. Every input edits one field of the config. */
import { useId } from 'react';
import { laneFor } from '../../config/defaults';
import { BACKENDS, signalContext } from '../../config/schema';
import { getObjective, unavailableReason } from '../../objectives';
import { useConfigStore } from '../../state/config';
import { useLinkStore } from '../../state/link';
import { IMAGE_STUDENTS } from '../../tasks/images/defaults';
import { STUDENT_VOCABS, type StudentVocabKind } from '../../tasks/text/student-vocab';
import { TEXT_STUDENTS } from '../../tasks/text/defaults';
import { TOY_DATASETS, TOY_DATASET_INFO } from '../../tasks/toy2d/datasets';
import { ActivationField } from './ActivationField';
import { BackendStatus } from './BackendStatus';
import { NumberField, Section, SelectField, ToggleField, WidthsField } from './fields';
import { ImportedModel } from './ImportedModel';
import { LanesPanel } from './LanesPanel';
import { ModelSummary } from './ModelSummary';
import { PresetPicker } from './PresetPicker';
import { PretrainedTeacher } from './PretrainedTeacher';
import { StudentPreset } from './StudentPreset';
import { TaskPicker } from './TaskPicker';

const BACKEND_LABELS: Record<(typeof BACKENDS)[number], string> = {
  auto: 'Auto (fastest, measured)',
  webgpu: 'WebGPU',
  webgl: 'WebGL',
  wasm: 'WebAssembly',
  cpu: 'CPU (plain JavaScript)',
};

function ToyData() {
  const dataset = useConfigStore((s) => (s.config.task.kind === 'toy2d' ? s.config.task.dataset : 'spiral'));
  const variable = TOY_DATASET_INFO[dataset].variableClasses;
  return (
    <>
      <SelectField
        path="task.dataset"
        label="Data set"
        options={TOY_DATASETS.map((d) => ({ value: d, label: TOY_DATASET_INFO[d].name }))}
      />
      <div className="field-grid">
        {variable ? <NumberField path="task.classes" label={dataset === 'spiral' ? 'Arms' : 'Classes'} /> : null}
        <NumberField path="task.noise" label="Noise" />
        <NumberField path="task.points" label="Points" />
        <NumberField path="task.testFraction" label="Test %" scale={100} />
        <NumberField path="seed" label="Seed" />
      </div>
    </>
  );
}

function ImageData() {
  const task = useConfigStore((s) => s.config.task);
  const noTransfer = task.kind === 'images' && task.labelledFraction >= 1;
  const augmenting =
    task.kind === 'images' && (task.augment.shift > 0 || task.augment.noise > 0 || task.augment.flip || task.mixup > 0);
  return (
    <>
      <p className="field-hint">
        Fashion-MNIST (Zalando Research, MIT licence): up to 12,000 training and 2,000 test images, shipped with the
        app.
      </p>
      <div className="field-grid">
        <NumberField path="task.trainImages" label="Training images" />
        <NumberField path="task.testImages" label="Test images" />
        <NumberField
          path="task.labelledFraction"
          label="Labelled %"
          scale={100}
          hint="The rest: a transfer set only the teacher labels"
        />
        <NumberField path="seed" label="Seed" />
        <NumberField path="task.augment.shift" label="Shift (px)" />
        <NumberField path="task.augment.noise" label="Noise σ" />
        <NumberField path="task.mixup" label="Mixup α" hint="0 = off" />
      </div>
      <ToggleField path="task.augment.flip" label="Flip transfer images horizontally" />
      {noTransfer ? (
        <p className={`field-hint${augmenting ? ' field-warning' : ''}`} role="note">
          At 100% labelled there is no transfer set: shift, noise, flip and mixup apply to transfer images only, so they
          do nothing here.
        </p>
      ) : null}
      <ToggleField
        path="task.gapSampling"
        label="Gap-aware sampling (DDK)"
        help="Draw classes in proportion to the current teacher–student gap per class (charted)."
      />
    </>
  );
}

function ImageStudent() {
  const kind = useConfigStore((s) => s.config.student.kind);
  return (
    <>
      <StudentPreset presets={IMAGE_STUDENTS} />
      <div className="field-grid">
        {kind === 'cnn' ? <WidthsField path="student.filters" label="Conv filters" /> : null}
        <WidthsField
          path="student.hidden"
          label={kind === 'cnn' ? 'Dense widths' : 'Hidden widths'}
          hint="Empty = none"
        />
        <ActivationField path="student.activation" />
      </div>
    </>
  );
}

function TextStudent() {
  const kind = useConfigStore((s) => s.config.student.kind);
  return (
    <>
      <StudentPreset presets={TEXT_STUDENTS} />
      {kind === 'transformer' ? (
        <div className="field-grid">
          <NumberField path="student.layers" label="Layers" />
          <NumberField path="student.width" label="Width" />
          <NumberField path="student.heads" label="Heads" />
        </div>
      ) : (
        <div className="field-grid">
          <NumberField path="student.window" label="Window (characters)" />
          <NumberField path="student.embed" label="Embedding width" />
          <WidthsField path="student.hidden" label="Hidden widths" hint="Empty = none" />
          <ActivationField path="student.activation" />
        </div>
      )}
      <StudentVocabField />
    </>
  );
}

const STUDENT_VOCAB_LABELS: Record<StudentVocabKind, string> = {
  shared: 'The teacher’s 49 characters',
  coarse: 'Its own 30: digits as #, punctuation as .',
};

/**
 * The student's vocabulary. Objectives that compare the two models character by character
 * cannot cross vocabularies, so choosing a vocabulary of its own moves those lanes to ULD.
 */
function StudentVocabField() {
  const id = useId();
  const value = useConfigStore((s) => (s.config.task.kind === 'text' ? s.config.task.studentVocab : 'shared'));
  return (
    <div className="field">
      <label htmlFor={id}>Student vocabulary</label>
      <select
        id={id}
        value={value}
        onChange={(e) => {
          const { config, replace } = useConfigStore.getState();
          if (config.task.kind !== 'text') return;
          const task = { ...config.task, studentVocab: e.target.value as StudentVocabKind };
          const ctx = signalContext({ ...config, task });
          const lanes = config.lanes.map((l) =>
            unavailableReason(getObjective(l.objective), ctx) ? laneFor('uld') : l,
          );
          replace({ ...config, task, lanes });
        }}
      >
        {STUDENT_VOCABS.map((v) => (
          <option key={v} value={v}>
            {STUDENT_VOCAB_LABELS[v]}
          </option>
        ))}
      </select>
      <p className="field-hint">Its own vocabulary: cross-vocabulary distillation, with ULD (Boizard et al. 2024)</p>
    </div>
  );
}

function TextData() {
  return (
    <>
      <p className="field-hint">
        <cite>Moby-Dick</cite> (Herman Melville, 1851; public domain), lowercased to 49 characters; the last 10% is held
        out.
      </p>
      <div className="field-grid">
        <NumberField path="task.context" label="Context (characters)" />
        <NumberField path="task.evalWindows" label="Held-out windows" hint="Evaluated at every evaluation" />
        <NumberField path="seed" label="Seed" />
        <NumberField
          path="task.onPolicy"
          label="On-policy λ"
          hint="Share of steps on the students’ own samples (GKD): no labels there, so KD has weight 1"
        />
        <NumberField path="task.samplingTemperature" label="Sampling temperature" hint="0 = greedy" />
        <NumberField path="task.sampleEvery" label="Samples every (steps)" />
      </div>
      <ToggleField
        path="task.sequenceKd"
        label="Sequence-level KD (train on teacher samples)"
        help="The other steps train on text the teacher writes from a corpus prompt, its draws as labels (Kim & Rush 2016), instead of on the corpus."
      />
    </>
  );
}

export function ControlPanel() {
  const hidePresets = useLinkStore((s) => s.flags.hide.includes('presets'));
  const kind = useConfigStore((s) => s.config.task.kind);
  const teacher = useConfigStore((s) => s.config.teacher.model);
  const student = useConfigStore((s) => s.config.student);
  const optimizer = useConfigStore((s) => s.config.train.optimizer);
  return (
    <form className="control-panel" aria-label="Experiment settings" onSubmit={(e) => e.preventDefault()}>
      {hidePresets ? null : <PresetPicker />}
      <Section id="data" title="Data">
        <TaskPicker />
        {kind === 'toy2d' ? <ToyData /> : kind === 'images' ? <ImageData /> : <TextData />}
      </Section>
      <Section id="teacher" title="Teacher" labelPrefix="Teacher">
        {teacher.kind === 'pretrained' ? (
          <PretrainedTeacher id={teacher.id} />
        ) : teacher.kind === 'imported' ? (
          <ImportedModel role="teacher" spec={teacher} />
        ) : (
          <div className="field-grid">
            <WidthsField path="teacher.model.hidden" label="Hidden widths" />
            <ActivationField path="teacher.model.activation" />
            <NumberField path="teacher.trainSteps" label="Training steps" />
            <NumberField path="teacher.lr" label="Learning rate" />
          </div>
        )}
      </Section>
      <Section id="student" title="Student" labelPrefix="Student">
        {student.kind === 'imported' ? (
          <ImportedModel role="student" spec={student} />
        ) : kind === 'images' ? (
          <ImageStudent />
        ) : kind === 'text' ? (
          <TextStudent />
        ) : (
          <div className="field-grid">
            <WidthsField path="student.hidden" label="Hidden widths" hint="Empty = linear" />
            <ActivationField path="student.activation" />
          </div>
        )}
        <ModelSummary />
      </Section>
      <Section id="objectives" title="Students and objectives">
        <LanesPanel />
      </Section>
      <Section id="training" title="Training">
        <div className="field-grid">
          <SelectField
            path="train.optimizer"
            label="Optimizer"
            options={[
              { value: 'adam', label: 'Adam' },
              { value: 'sgd', label: 'SGD + momentum' },
            ]}
          />
          <NumberField path="train.lr" label="Learning rate" />
          {optimizer === 'sgd' ? <NumberField path="train.momentum" label="Momentum" /> : null}
          <NumberField path="train.batchSize" label="Batch size" />
          <NumberField path="train.steps" label="Steps" />
          <NumberField path="train.stepsPerFrame" label="Steps per frame" />
          <NumberField path="train.evalEvery" label="Evaluate every" />
        </div>
        {kind === 'text' ? null : (
          <ToggleField
            path="train.teacherCache"
            label="Cache teacher outputs"
            help="The frozen teacher’s outputs are computed once per example and reused (augmented images always get a fresh pass). Off: the teacher runs on every batch (same maths, slower)."
          />
        )}
      </Section>
      <Section id="backend" title="Backend">
        <SelectField
          path="backend"
          label="Backend"
          options={BACKENDS.map((b) => ({ value: b, label: BACKEND_LABELS[b] }))}
        />
        <BackendStatus />
      </Section>
    </form>
  );
}
