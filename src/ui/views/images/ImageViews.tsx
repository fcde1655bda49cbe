/** The image task's views: gallery, explanation, confusion and calibration. */
import { LaneTabs } from '../BoundaryView';
import { CalibrationView } from './Calibration';
import { ConfusionView } from './Confusion';
import { Gallery } from './Gallery';
import { SaliencyPanel } from './Saliency';

export function ImageViews() {
  return (
    <div className="image-views">
      <LaneTabs />
      <div className="image-views-row">
        <Gallery />
        <SaliencyPanel />
      </div>
      <div className="image-views-row">
        <ConfusionView />
        <CalibrationView />
      </div>
    </div>
  );
}
