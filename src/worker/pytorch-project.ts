/**
 * Export → PyTorch project: the whole zip, assembled in the worker (fflate writes it), so the
 * page only downloads bytes. Its files sit in one folder named after the experiment.
 */
import { zipSync, strToU8 } from 'fflate';
import { staticFiles } from '../export/pytorch/project-files';
import type { ProjectConfig } from '../export/pytorch/resolved';
import type { Session } from '../engine/session';
import { pytorchLayersRefusal } from '../engine/model-io/pytorch-support';
import type { Model } from '../engine/models/types';
import { projectBlocker, sessionFiles } from './pytorch-export';

/** Largest project the studio writes: data plus weights, before compression. */
export const MAX_PROJECT_BYTES = 300 * 1024 * 1024;

/** Bytes of the data and weights an export would write (every array is 4 bytes per value). */
export function projectBytes(session: Session): number {
  const { data: d, teacher } = session;
  const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1) * 4;
  const text = d.host.text ? d.host.text.ids.length * 4 : 0;
  const rows = d.host.text ? 0 : size(d.trainX.shape) + size(teacher.trainLogits.shape) + size(d.trainY.shape);
  const models = [teacher.model, ...session.lanes.slice(0, 1).map((l) => l.student)].reduce(
    (a, m) => a + m.paramCount * 4,
    0,
  );
  return text + rows + size(d.testX.shape) + size(teacher.testLogits.shape) + models;
}

/** Why an imported or shipped layers model has no PyTorch counterpart here (null when it has). */
function modelRefusal(model: Model, who: string): string | null {
  if (!model.layers) return null;
  const reason = pytorchLayersRefusal(model.layers.toJSON(undefined, false));
  return reason && `The ${who} cannot be exported to PyTorch: ${reason}`;
}

/** Why this session cannot be exported (null when it can). */
export function projectRefusal(session: Session): string | null {
  const blocker = projectBlocker(session);
  if (blocker) return blocker;
  const model =
    modelRefusal(session.teacher.model, 'teacher') ??
    (session.lanes[0] ? modelRefusal(session.lanes[0].student, 'student') : null);
  if (model) return model;
  const bytes = projectBytes(session);
  if (bytes > MAX_PROJECT_BYTES)
    return `This experiment's data and weights come to ${Math.round(bytes / 2 ** 20)} MB, over the ${MAX_PROJECT_BYTES / 2 ** 20} MB a project export holds: use fewer rows.`;
  return null;
}

export interface ProjectZip {
  zip: Uint8Array;
  fileName: string;
  files: number;
}

export async function exportProject(session: Session, studioVersion: string, link?: string): Promise<ProjectZip> {
  const refusal = projectRefusal(session);
  if (refusal) throw new Error(refusal);
  const files = await sessionFiles(session, studioVersion, link);
  const project = JSON.parse(new TextDecoder().decode(files['config.json'])) as ProjectConfig;
  const text = staticFiles(session.config, project.resolved.data);
  const folder = `kd-studio-${session.data.kind}-seed${session.config.seed}`;
  const entries: Record<string, Uint8Array> = {};
  for (const [path, body] of Object.entries(text)) entries[`${folder}/${path}`] = strToU8(body);
  for (const [path, body] of Object.entries(files)) entries[`${folder}/${path}`] = body;
  // Level 1: the arrays (images mostly) shrink about as much as at level 6, in a fraction of the time.
  const zip = zipSync(entries, { level: 1 });
  return { zip, fileName: `${folder}.zip`, files: Object.keys(entries).length };
}
