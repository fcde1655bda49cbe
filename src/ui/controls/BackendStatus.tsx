/** What the worker runs on, and for "auto", the trial that chose it. */
import { useRunStore } from '../../state/run';

export function BackendStatus() {
  const info = useRunStore((s) => s.backend);
  if (!info) return <p className="field-hint">Chosen when you press Play.</p>;
  return (
    <div className="backend-status">
      <p>
        Running on <strong>{info.name}</strong> · {info.adapter}
        {info.software ? <span className="badge badge-warn">software</span> : null}
      </p>
      <p className="field-hint">
        {info.reason}
        {info.trialMs !== undefined ? ` · trial took ${(info.trialMs / 1000).toFixed(1)} s` : ''}.
      </p>
      {info.trials.length ? (
        <ul className="trial-list">
          {info.trials.map((t) => (
            <li key={t.name}>
              <span>{t.threads ? `${t.name} + ${t.threads} threads` : t.name}</span>{' '}
              {t.msPerStep !== undefined ? (
                `${t.msPerStep.toFixed(2)} ms/step${t.firstOnly ? ' (first step only: far slower)' : ''}`
              ) : (
                <em>{t.skipped}</em>
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
