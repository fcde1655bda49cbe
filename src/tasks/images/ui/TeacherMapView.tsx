/**
 * Several teachers, image by image (issue 17 §5): each test image with, per teacher and for the
 * mix, a ✓ or ✗ for its class and, where a teacher's class is not the mix's, that class named.
 * Marks are in text and in each tile's accessible name, not only in colour. The worker builds
 * the map once per session (lib/teacher-map.ts); here it is only counted, filtered and paged.
 */
import { useMemo, useState } from 'react';
import { classAt, countTeacherMap, differsFromMix, isRight, mapRows, type TeacherMap } from '../../../lib/teacher-map';
import { useRunStore } from '../../../state/run';
import { percent } from '../../../ui/format';
import { ImageCanvas, shortName } from './common';
import { isImageSet } from '../preview';

const PAGE = 24;

export function TeacherMapView({ map, names }: { map: TeacherMap; names: string[] }) {
  const data = useRunStore((s) => (isImageSet(s.data) ? s.data : undefined));
  const [only, setOnly] = useState(false);
  const [page, setPage] = useState(0);
  const counts = useMemo(() => countTeacherMap(map), [map]);
  const rows = useMemo(() => mapRows(map, only), [map, only]);
  if (!data?.testImages || !data.testY || data.testY.length !== counts.rows) return null;
  const pages = Math.max(1, Math.ceil(rows.length / PAGE));
  const current = Math.min(page, pages - 1);
  const who = [...names, 'mix'];
  const describe = (r: number) =>
    who
      .map((name, i) => {
        const c = shortName(classAt(map, r, i), data);
        const off = i < map.members && differsFromMix(map, r, i) ? ', not the mix' : '';
        return `${name} ${isRight(map, r, i) ? 'right' : 'wrong'} (${c}${off})`;
      })
      .join('; ');
  return (
    <section className="teacher-map" aria-label="Where the teachers and the mix disagree">
      <h3 className="teacher-map-title">Image by image</h3>
      <p className="teacher-map-counts">
        Of {counts.rows.toLocaleString('en')} test images, some teacher’s class is not the mix’s on{' '}
        <strong>{counts.disagree.toLocaleString('en')}</strong> ({percent(counts.disagree / counts.rows)}):{' '}
        {names.map((n, i) => `${n} on ${counts.differs[i]}`).join(', ')}. The mix is right where some teacher is wrong
        on {counts.mixFixes}, wrong where some teacher is right on {counts.mixLoses}; all are wrong on {counts.allWrong}
        .
      </p>
      <div className="teacher-map-controls">
        <label className="inline-toggle">
          <input
            type="checkbox"
            checked={only}
            onChange={(e) => {
              setOnly(e.target.checked);
              setPage(0);
            }}
          />{' '}
          Only where they disagree ({counts.disagree})
        </label>
        <span className="pager">
          <button
            type="button"
            className="btn btn-small"
            disabled={current === 0}
            onClick={() => setPage(current - 1)}
            aria-label="Previous teacher-map images"
          >
            ‹
          </button>
          {current + 1}/{pages}
          <button
            type="button"
            className="btn btn-small"
            disabled={current >= pages - 1}
            onClick={() => setPage(current + 1)}
            aria-label="Next teacher-map images"
          >
            ›
          </button>
        </span>
      </div>
      <ul className="teacher-map-grid" aria-label="Test images, each teacher and the mix">
        {rows.slice(current * PAGE, (current + 1) * PAGE).map((r) => (
          <li key={r}>
            <button
              type="button"
              className={`teacher-map-tile${map.differs[r] ? ' differs' : ''}`}
              onClick={() => useRunStore.getState().select(r)}
              aria-label={`Test image ${r}: ${shortName(data.testY![r]!, data)}. ${describe(r)}`}
            >
              <ImageCanvas
                pixels={data.testImages!}
                index={r}
                shape={data.imageShape}
                invert={data.invert}
                size={40}
                label={shortName(data.testY![r]!, data)}
              />
              <span className="teacher-map-true">{shortName(data.testY![r]!, data)}</span>
              <span className="teacher-map-marks" aria-hidden="true">
                {who.map((_, i) => {
                  const ok = isRight(map, r, i);
                  const off = i < map.members && differsFromMix(map, r, i);
                  return (
                    <span key={i} className={`teacher-map-mark ${ok ? 'right' : 'wrong'}${off ? ' off' : ''}`}>
                      {i < map.members ? i + 1 : 'mix'} {ok ? '✓' : '✗'}
                      {off || (i === map.members && !ok) ? ` ${shortName(classAt(map, r, i), data)}` : ''}
                    </span>
                  );
                })}
              </span>
            </button>
          </li>
        ))}
      </ul>
      <p className="muted teacher-map-legend">
        {names.map((n, i) => `${i + 1} = ${n}`).join(', ')}. ✓ right, ✗ wrong; a class named after a teacher’s mark
        (dashed) is its class where it is not the mix’s; after the mix’s ✗, the mix’s class. Click an image to explain
        it.
      </p>
    </section>
  );
}
