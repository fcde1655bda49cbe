/**
 * The experiment's settings, by section. Every input edits one field of the config. The task's
 * own fields (its data, its students) come from its UI part (src/tasks/ui.tsx).
 */
import { BACKENDS } from '../../config/schema';
import { useConfigStore } from '../../state/config';
import { useLinkStore } from '../../state/link';
import { taskUi } from '../../tasks/ui';
import { ActivationField } from './ActivationField';
import { AssistantFields } from './AssistantFields';
import { DistilledTeacherFields } from './DistilledTeacherFields';
import { EnsembleFields } from './EnsembleFields';
import { BackendStatus } from './BackendStatus';
import { NumberField, Section, SelectField, ToggleField, WidthsField } from './fields';
import { ImportedModel } from './ImportedModel';
import { LanesPanel } from './LanesPanel';
import { ModelSummary } from './ModelSummary';
import { PresetPicker } from './PresetPicker';
import { PretrainedTeacher } from './PretrainedTeacher';
import { TaskPicker } from './TaskPicker';

const BACKEND_LABELS: Record<(typeof BACKENDS)[number], string> = {
  auto: 'Auto (fastest, measured)',
  webgpu: 'WebGPU',
  webgl: 'WebGL',
  wasm: 'WebAssembly',
  cpu: 'CPU (plain JavaScript)',
};

export function ControlPanel() {
  const hidePresets = useLinkStore((s) => s.flags.hide.includes('presets'));
  const task = taskUi(useConfigStore((s) => s.config.task.kind));
  const teacher = useConfigStore((s) => s.config.teacher.model);
  const student = useConfigStore((s) => s.config.student);
  const optimizer = useConfigStore((s) => s.config.train.optimizer);
  return (
    <form className="control-panel" aria-label="Experiment settings" onSubmit={(e) => e.preventDefault()}>
      {hidePresets ? null : <PresetPicker />}
      <Section id="data" title="Data">
        <TaskPicker />
        <task.DataFields />
      </Section>
      <Section id="teacher" title="Teacher" labelPrefix="Teacher">
        {teacher.kind === 'pretrained' ? (
          <PretrainedTeacher id={teacher.id} />
        ) : teacher.kind === 'imported' ? (
          <ImportedModel role="teacher" spec={teacher} />
        ) : (
          <div className="field-grid">
            {teacher.kind === 'transformer' ? (
              <>
                <NumberField path="teacher.model.layers" label="Layers" />
                <NumberField path="teacher.model.width" label="Width" />
                <NumberField path="teacher.model.heads" label="Heads" />
              </>
            ) : (
              <>
                {teacher.kind === 'cnn' ? <WidthsField path="teacher.model.filters" label="Conv filters" /> : null}
                <WidthsField path="teacher.model.hidden" label="Hidden widths" />
                <ActivationField path="teacher.model.activation" />
              </>
            )}
            <NumberField path="teacher.trainSteps" label="Training steps" />
            <NumberField path="teacher.lr" label="Learning rate" />
          </div>
        )}
        {task.teacherAssistant ? <EnsembleFields /> : null}
        {task.teacherAssistant ? <AssistantFields /> : null}
        {task.distilledTeacher ? <DistilledTeacherFields /> : null}
      </Section>
      <Section id="student" title="Student" labelPrefix="Student">
        {student.kind === 'imported' ? <ImportedModel role="student" spec={student} /> : <task.StudentFields />}
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
        {task.teacherCache ? (
          <ToggleField
            path="train.teacherCache"
            label="Cache teacher outputs"
            help="The frozen teacher’s outputs are computed once per example and reused (augmented images always get a fresh pass). Off: the teacher runs on every batch (same maths, slower)."
          />
        ) : null}
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
