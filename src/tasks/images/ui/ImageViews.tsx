/** The image task's views: gallery, explanation, confusion and calibration. */
import { lazy, Suspense } from 'react';
import { ErrorBoundary } from '../../../ui/ErrorBoundary';
import { LaneTabs } from '../../../ui/views/LaneTabs';
import { ConfusionView } from '../../../ui/views/classification/Confusion';
import { useHeldOutLogits } from './common';
import { Gallery } from './Gallery';
import { SaliencyPanel } from './Saliency';

// The reliability diagram uses recharts: loaded with the image task, not with the page.
const CalibrationView = lazy(() =>
  import('../../../ui/views/classification/Calibration').then((m) => ({ default: m.CalibrationView })),
);

export function ImageViews() {
  return (
    <ErrorBoundary name="image views">
      <ImageViewsBody />
    </ErrorBoundary>
  );
}

function ImageViewsBody() {
  const heldOut = useHeldOutLogits();
  return (
    <div className="image-views">
      <LaneTabs />
      <div className="image-views-row">
        <Gallery />
        <SaliencyPanel />
      </div>
      <div className="image-views-row">
        <ConfusionView {...heldOut} />
        <Suspense fallback={null}>
          <CalibrationView {...heldOut} />
        </Suspense>
      </div>
    </div>
  );
}
