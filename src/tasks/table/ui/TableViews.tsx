/**
 * The table task's views: the decision boundaries when the table has exactly two features (as
 * on the toy task), else the test set's principal components; then the confusion matrices,
 * agreement per class and the reliability diagrams every classifying task shows.
 */
import { lazy, Suspense } from 'react';
import { ErrorBoundary } from '../../../ui/ErrorBoundary';
import { BoundaryView } from '../../../ui/views/boundary/BoundaryView';
import { ConfusionView } from '../../../ui/views/classification/Confusion';
import { LaneTabs } from '../../../ui/views/LaneTabs';
import { useHeldOutLogits, useTableLogits } from './common';
import { ProjectionView } from './ProjectionView';

// The reliability diagram uses recharts: loaded with the task, not with the page.
const CalibrationView = lazy(() =>
  import('../../../ui/views/classification/Calibration').then((m) => ({ default: m.CalibrationView })),
);

function Body() {
  const { data } = useTableLogits();
  const heldOut = useHeldOutLogits();
  const boundary =
    data?.boundary && data.testY ? { classes: data.classes, testY: data.testY, ...data.boundary } : undefined;
  return (
    <div className="image-views">
      {boundary ? (
        <BoundaryView data={boundary} />
      ) : (
        <>
          <LaneTabs />
          <ProjectionView />
        </>
      )}
      <div className="image-views-row">
        <ConfusionView {...heldOut} />
        <Suspense fallback={null}>
          <CalibrationView {...heldOut} />
        </Suspense>
      </div>
    </div>
  );
}

export function TableViews() {
  return (
    <ErrorBoundary name="table views">
      <Body />
    </ErrorBoundary>
  );
}
