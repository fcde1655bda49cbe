/**
 * The export commands' answers for whatever session the controller holds (none before Play):
 * the students as model files, and the experiment as a PyTorch project or why it cannot be.
 */
import type { Session } from '../engine/session';
import { errorText } from './error-reason';
import { exportLanes } from './export-lanes';
import type { ExportedModel, ProjectExport } from './protocol';
import { exportProject, projectRefusal } from './pytorch-project';

const NO_SESSION = 'Press Play first: the export needs the teacher ready and the data loaded.';

export async function studentsOf(
  s: Session | undefined,
  fileStems?: string[],
): Promise<(ExportedModel | { error: string })[]> {
  return s ? exportLanes(s, fileStems) : [];
}

export async function projectOf(s: Session | undefined, link?: string): Promise<ProjectExport> {
  if (!s) return { error: NO_SESSION };
  try {
    return await exportProject(s, __APP_VERSION__, link);
  } catch (e) {
    return { error: `The project could not be written: ${errorText(e)}` };
  }
}

export async function refusalOf(s: Session | undefined): Promise<string | null> {
  return s ? projectRefusal(s) : NO_SESSION;
}
