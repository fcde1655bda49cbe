/**
 * Every lane's student as files: in the format config/export.ts decides for the spec (the same
 * decision the export dialog shows), or that decision's reason. How the files are written
 * depends on what the student is: an imported layers model is saved as it is, a built MLP or
 * CNN is rebuilt as one (engine/model-io), a transformer goes to the studio's own format.
 */
import * as tf from '@tensorflow/tfjs';
import { studentExport } from '../config/export';
import type { StudentSpec } from '../config/schema';
import { exportStudent, saveLayersModel } from '../engine/model-io';
import { isSequenceModel } from '../engine/models/sequence';
import { saveTransformer, type Transformer } from '../engine/models/transformer';
import type { Model } from '../engine/models/types';
import type { Session } from '../engine/session';
import type { ExportedModel } from './protocol';

type LaneExport = ExportedModel | { error: string };

/** One student's files under `weightsFile`, without the file stem (the caller names them). */
async function exportLane(
  student: Model,
  spec: StudentSpec,
  task: { inputShape: number[]; classes: number },
  weightsFile: string,
): Promise<LaneExport> {
  const plan = studentExport(spec, tf.version_layers);
  if (plan.format === null) return { error: plan.reason };
  if (plan.format === 'kd-studio-transformer') {
    if (!isSequenceModel(student)) return { error: 'This student is not the transformer its spec describes' };
    // The studio's own transformer format (models/transformer.ts), not a layers model.
    const { json, weights } = await saveTransformer(student.sequence as Transformer, weightsFile);
    return { format: 'kd-studio-transformer', modelJson: json, weights, weightsFile };
  }
  // A layers model: the student's own, when it is one underneath (an imported model).
  if (student.layers)
    return { format: 'layers-model', ...(await saveLayersModel(student.layers, weightsFile)), weightsFile };
  if (spec.kind === 'imported') return { error: 'This imported student has no layers model to save' };
  // The decision gives the layers-model format to imported, MLP and CNN students only.
  if (spec.kind !== 'mlp' && spec.kind !== 'cnn') return { error: `A ${spec.kind} student is not a layers model` };
  const m = await exportStudent(student, spec, task.inputShape, task.classes, weightsFile);
  return { format: 'layers-model', ...m, weightsFile };
}

/**
 * Every lane's export. With `fileStems`, lane i's files are named `<stem>-step<N>`, so two
 * exports never share a weight file name (a browser would rename the second one and its
 * model.json would no longer find it); without, the weight file is plain weights.bin.
 */
export function exportLanes(session: Session, fileStems?: string[]): Promise<LaneExport[]> {
  const spec = session.config.student;
  return Promise.all(
    session.lanes.map(async (lane, i) => {
      const stem = fileStems?.[i] === undefined ? undefined : `${fileStems[i]}-step${session.step}`;
      const weightsFile = stem === undefined ? 'weights.bin' : `${stem}.weights.bin`;
      const m = await exportLane(lane.student, spec, session.data, weightsFile);
      return 'error' in m || stem === undefined ? m : { ...m, fileStem: stem };
    }),
  );
}
