/** The oracle task's views: the decision boundaries of teacher and students over the held-out points. */
import { useRunStore } from '../../../state/run';
import { ErrorBoundary } from '../../../ui/ErrorBoundary';
import { BoundaryView } from '../../../ui/views/boundary/BoundaryView';

export function OracleViews() {
  const data = useRunStore((s) => (s.data?.kind === 'oracle' ? s.data : undefined));
  return (
    <div className="views-row">
      <ErrorBoundary name="decision boundary">
        <BoundaryView data={data} />
      </ErrorBoundary>
    </div>
  );
}
