/** The toy task's views: the decision boundaries beside the point inspector. */
import { ErrorBoundary } from '../../../ui/ErrorBoundary';
import { BoundaryView } from './BoundaryView';
import { PointInspector } from './PointInspector';

export function ToyViews() {
  return (
    <div className="views-row">
      <ErrorBoundary name="decision boundary">
        <BoundaryView />
        <PointInspector />
      </ErrorBoundary>
    </div>
  );
}
