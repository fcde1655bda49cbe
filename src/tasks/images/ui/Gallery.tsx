/**
 * Test images with the teacher's and the student's top-3 classes; a ✓ and a green frame where
 * their top-1 agree, a ✗ and a red frame where they do not (the mark is in each tile's
 * accessible name too, not only in colour). Filter to the disagreements; click one to explain it.
 */
import { useMemo, useState } from 'react';
import { topK } from '../../../lib/classification';
import { argmaxRow } from '../../../lib/softmax';
import { useRunStore } from '../../../state/run';
import type { ImageSetPreview } from '../preview';
import { ImageCanvas, shortName, useImageLogits } from './common';

const PAGE = 40;

function Top3({ who, logits, i, names }: { who: string; logits: Float32Array; i: number; names: ImageSetPreview }) {
  return (
    <ol className="top3" aria-label={`${who} top 3`}>
      {topK(logits, i, names.classes).map(({ cls, p }) => (
        <li key={cls}>
          <span className="top3-name">{shortName(cls, names)}</span>{' '}
          <span className="top3-p">{(p * 100).toFixed(0)}%</span>
        </li>
      ))}
    </ol>
  );
}

export function Gallery() {
  const { data, teacher, student } = useImageLogits();
  const selected = useRunStore((s) => s.selected);
  const [onlyDisagreements, setOnly] = useState(false);
  const [page, setPage] = useState(0);
  const k = data?.classes ?? 0;
  const { all, disagreements } = useMemo(() => {
    const n = data?.testY?.length ?? 0;
    const all = Array.from({ length: n }, (_, i) => i);
    const disagreements =
      teacher && student ? all.filter((i) => argmaxRow(teacher, i * k, k) !== argmaxRow(student, i * k, k)) : [];
    return { all, disagreements };
  }, [data, teacher, student, k]);
  const rows = onlyDisagreements ? disagreements : all;
  if (!data?.testImages || !data.testY) {
    return (
      <section className="gallery card" aria-label="Gallery of test images">
        <p className="muted">The test images appear once the data is loaded (press Play).</p>
      </section>
    );
  }
  const pages = Math.max(1, Math.ceil(rows.length / PAGE));
  const current = Math.min(page, pages - 1);
  const shown = rows.slice(current * PAGE, (current + 1) * PAGE);
  return (
    <section className="gallery card" aria-label="Gallery of test images">
      <header className="card-header">
        <strong>Test images</strong>
        <label className="inline-toggle">
          <input
            type="checkbox"
            checked={onlyDisagreements}
            onChange={(e) => {
              setOnly(e.target.checked);
              setPage(0);
            }}
          />{' '}
          Only disagreements ({teacher && student ? disagreements.length : '—'})
        </label>
        <span className="pager">
          <button
            type="button"
            className="btn btn-small"
            disabled={current === 0}
            onClick={() => setPage(current - 1)}
            aria-label="Previous images"
          >
            ‹
          </button>
          {current + 1}/{pages}
          <button
            type="button"
            className="btn btn-small"
            disabled={current >= pages - 1}
            onClick={() => setPage(current + 1)}
            aria-label="Next images"
          >
            ›
          </button>
        </span>
      </header>
      <div className="gallery-grid">
        {shown.map((i) => {
          const agree = teacher && student ? argmaxRow(teacher, i * k, k) === argmaxRow(student, i * k, k) : null;
          return (
            <button
              type="button"
              key={i}
              className={`tile${agree === true ? ' agree' : agree === false ? ' disagree' : ''}${selected === i ? ' selected' : ''}`}
              onClick={() => useRunStore.getState().select(i)}
              aria-label={`Test image ${i}: ${shortName(data.testY![i]!, data)}${agree === false ? ', teacher and student disagree' : agree === true ? ', teacher and student agree' : ''}`}
            >
              <ImageCanvas
                pixels={data.testImages!}
                index={i}
                shape={data.imageShape}
                invert={data.invert}
                size={48}
                label={shortName(data.testY![i]!, data)}
              />
              <span className="tile-true">{shortName(data.testY![i]!, data)}</span>
              {agree === null ? null : (
                <span
                  className="tile-mark"
                  aria-hidden="true"
                  title={agree ? 'Teacher and student agree (top-1)' : 'Teacher and student disagree (top-1)'}
                >
                  {agree ? '✓ agree' : '✗ differ'}
                </span>
              )}
              {teacher && student ? (
                <span className="tile-preds">
                  <Top3 who="Teacher" logits={teacher} i={i} names={data} />
                  <Top3 who="Student" logits={student} i={i} names={data} />
                </span>
              ) : null}
            </button>
          );
        })}
      </div>
    </section>
  );
}
