/** The student's and the teacher's sizes, and how many times smaller the student is. */
import { classCount, layersMacs, modelSize, modelSizes } from '../../config/derived';
import { useConfigStore } from '../../state/config';
import { useRunStore } from '../../state/run';
import { compact } from '../format';
import { usePretrainedMeta } from './pretrained-meta';

/** How many times smaller the student is, e.g. "1.1×"; "—" when unknown. */
const ratio = (teacher: number | undefined, student: number) =>
  teacher !== undefined && Number.isFinite(teacher) && Number.isFinite(student) && student > 0
    ? `${(teacher / student).toFixed(teacher / student < 10 ? 1 : 0)}×`
    : null;

export function ModelSummary() {
  const config = useConfigStore((s) => s.config);
  const session = useRunStore((s) => s.session);
  const pretrained = config.teacher.model.kind === 'pretrained' ? config.teacher.model.id : null;
  const meta = usePretrainedMeta(pretrained);
  const sizes = modelSizes(config);
  const teacherParams = sizes.teacher?.params ?? session?.teacher.params ?? meta?.params;
  // The teacher's multiply-adds: from its spec (trained here), or from a shipped model's
  // meta.json (its layers, or a transformer's shape: only the transformer's training script
  // writes layers and width into `config`); unknown for an imported teacher.
  const teacherMacs =
    sizes.teacher?.macs ??
    (meta?.architecture
      ? layersMacs(meta.architecture)
      : meta?.config?.layers && meta.config.width
        ? modelSize(
            {
              kind: 'transformer',
              layers: meta.config.layers,
              width: meta.config.width,
              heads: meta.config.heads ?? 1,
            },
            config.task,
            classCount(config),
          )?.macs
        : undefined);
  const known = (n: number | undefined): n is number => n !== undefined && Number.isFinite(n);
  const kb = (params: number) => `${((params * 4) / 1024).toFixed(params < 2560 ? 1 : 0)} KB`;
  const paramRatio = ratio(teacherParams, sizes.student.params);
  const macRatio = ratio(teacherMacs, sizes.student.macs);
  return (
    <p className="model-summary" aria-label="Model sizes">
      Student <strong>{compact(sizes.student.params)}</strong> params ({kb(sizes.student.params)},{' '}
      {compact(sizes.student.macs)} multiply-adds)
      {known(teacherParams) ? (
        <>
          {' '}
          · Teacher <strong>{compact(teacherParams)}</strong> params ({kb(teacherParams)}
          {known(teacherMacs) ? `, ${compact(teacherMacs)} multiply-adds` : ''})
          {paramRatio ? (
            <>
              {' '}
              · Student: <strong>{paramRatio}</strong> fewer params
              {macRatio ? (
                <>
                  , <strong>{macRatio}</strong> fewer multiply-adds
                </>
              ) : null}
            </>
          ) : null}
        </>
      ) : null}
    </p>
  );
}
