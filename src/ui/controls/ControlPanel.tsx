/** The experiment's settings, by section. Every input edits one field of the config. */
import { ACTIVATIONS, BACKENDS } from '../../config/schema';
import { modelSizes } from '../../config/derived';
import { useConfigStore } from '../../state/config';
import { TOY_DATASETS, TOY_DATASET_INFO } from '../../tasks/toy2d/datasets';
import { compact } from '../format';
import { NumberField, Section, SelectField, ToggleField, WidthsField } from './fields';
import { LanesPanel } from './LanesPanel';
import { PresetPicker } from './PresetPicker';
import { BackendStatus } from './BackendStatus';

const activationOptions = ACTIVATIONS.map((a) => ({ value: a, label: a }));

const BACKEND_LABELS: Record<(typeof BACKENDS)[number], string> = {
  auto: 'Auto (fastest, measured)',
  webgpu: 'WebGPU',
  webgl: 'WebGL',
  wasm: 'WebAssembly',
  cpu: 'CPU (plain JavaScript)',
};

function ModelSummary() {
  const config = useConfigStore((s) => s.config);
  const sizes = modelSizes(config);
  return (
    <p className="model-summary" aria-label="Model sizes">
      Teacher <strong>{compact(sizes.teacher)}</strong> params · Student <strong>{compact(sizes.student)}</strong>{' '}
      params · <strong>{sizes.compression.toFixed(1)}×</strong> smaller
    </p>
  );
}

export function ControlPanel() {
  const dataset = useConfigStore((s) => s.config.task.dataset);
  const optimizer = useConfigStore((s) => s.config.train.optimizer);
  const variable = TOY_DATASET_INFO[dataset].variableClasses;
  return (
    <form className="control-panel" aria-label="Experiment settings" onSubmit={(e) => e.preventDefault()}>
      <PresetPicker />
      <Section title="Data">
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
      </Section>
      <Section title="Teacher" labelPrefix="Teacher">
        <div className="field-grid">
          <WidthsField path="teacher.model.hidden" label="Hidden widths" />
          <SelectField path="teacher.model.activation" label="Activation" options={activationOptions} />
          <NumberField path="teacher.trainSteps" label="Training steps" />
          <NumberField path="teacher.lr" label="Learning rate" />
        </div>
      </Section>
      <Section title="Student" labelPrefix="Student">
        <div className="field-grid">
          <WidthsField path="student.hidden" label="Hidden widths" hint="Empty = linear" />
          <SelectField path="student.activation" label="Activation" options={activationOptions} />
        </div>
        <ModelSummary />
      </Section>
      <Section title="Students and objectives">
        <LanesPanel />
      </Section>
      <Section title="Training">
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
        <ToggleField
          path="train.teacherCache"
          label="Cache teacher outputs"
          help="The frozen teacher’s outputs are computed once per example and reused. Off: the teacher runs on every batch (same maths, slower)."
        />
      </Section>
      <Section title="Backend">
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
