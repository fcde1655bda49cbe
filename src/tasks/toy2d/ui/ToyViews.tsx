/** The toy task's views: the decision boundaries beside the point inspector. */
import { useRunStore } from '../../../state/run';
import { ErrorBoundary } from '../../../ui/ErrorBoundary';
import { BoundaryView } from '../../../ui/views/boundary/BoundaryView';
import { PointInspector } from './PointInspector';
import { ToyCapacityGapCard } from './ToyCapacityGapCard';

export function ToyViews() {
  const data = useRunStore((s) => (s.data?.kind === 'toy2d' ? s.data : undefined));
  return (
    <>
      <div className="views-row">
        <ErrorBoundary name="decision boundary">
          <BoundaryView data={data} />
          <PointInspector />
        </ErrorBoundary>
      </div>
      <ToyCapacityGapCard />
    </>
  );
}
