/**
 * A shipped teacher: what it is, what its training script measured and what this run measured,
 * and the hash of its weights.
 */
import { FASHION_TEACHERS, PRETRAINED_SHAPES, type FashionTeacher } from '../../config/models';
import { useRunStore } from '../../state/run';
import { percent } from '../format';
import { SelectField } from './fields';
import { usePretrainedMeta } from './pretrained-meta';

export function PretrainedTeacher({ id }: { id: string }) {
  const meta = usePretrainedMeta(id);
  const session = useRunStore((s) => s.session);
  const hash = session?.teacher.weightsHash ?? meta?.weightsHash;
  // Data whose student has a vocabulary of its own: the teacher is measured in that vocabulary.
  const ownVocab = useRunStore((s) => (s.data && 'student' in s.data ? s.data.student : undefined));
  const hashCode = (
    <code className="weights-hash" title="First 12 hex digits of the SHA-256 of the weights">
      {hash ?? '…'}
    </code>
  );
  if (id === 'char-transformer') {
    const measured = session?.teacherMetrics.teacherPerplexity;
    const c = meta?.config;
    return (
      <div className="pretrained">
        <p>
          <strong>Pretrained character transformer</strong> (
          {c ? `${c.layers} layers × ${c.width}, ${c.heads} heads, ` : ''}
          context {c?.context ?? 64}), trained by <code>npm run teacher:text</code>.
        </p>
        <p className="field-hint">
          Held-out perplexity {meta?.heldOutPerplexity?.toFixed(2) ?? '…'} over the whole held-out tail (training
          script)
          {measured !== undefined
            ? `, ${measured.toFixed(2)} on the evaluation windows here${ownVocab ? ' (in the student’s vocabulary)' : ''}`
            : ''}{' '}
          · weights {hashCode}
        </p>
      </div>
    );
  }
  const measured = session?.teacherMetrics.teacherAccuracy;
  return (
    <div className="pretrained">
      {(FASHION_TEACHERS as readonly string[]).includes(id) ? (
        <SelectField path="teacher.model.id" label="Size" options={FASHION_TEACHER_OPTIONS} />
      ) : null}
      <p>
        <strong>Pretrained CNN</strong> ({id}), trained by <code>npm run teacher:fashion</code>.
      </p>
      <p className="field-hint">
        Test accuracy {percent(meta?.testAccuracy?.subset2k)} on the 2,000 shipped test images and{' '}
        {percent(meta?.testAccuracy?.official10k)} on the official 10,000 (training script)
        {measured !== undefined ? `, ${percent(measured)} measured here` : ''} · weights {hashCode}
      </p>
    </div>
  );
}

/** The teacher ladder of the capacity-gap lab: each shipped Fashion-MNIST CNN by its widths. */
const FASHION_TEACHER_OPTIONS = FASHION_TEACHERS.map((value: FashionTeacher) => {
  const shape = PRETRAINED_SHAPES[value];
  const widths = shape.kind === 'cnn' ? `${shape.filters.join(', ')} → ${shape.hidden.join(', ')}` : '';
  const name = value === 'fashion-cnn' ? 'M' : value.slice('fashion-cnn-'.length).toUpperCase();
  return { value, label: `${name} (${widths})` };
});
