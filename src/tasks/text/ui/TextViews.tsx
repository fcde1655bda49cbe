/**
 * The text task's views: what the teacher and the students write after the same prompt and
 * seed, for a chosen position of the held-out text their next-character distributions, and a
 * student drafting for the teacher.
 */
import { ErrorBoundary } from '../../../ui/ErrorBoundary';
import { LaneTabs } from '../../../ui/views/LaneTabs';
import { DraftPanel } from './DraftPanel';
import { NextTokenPanel } from './NextTokens';
import { SamplesPanel } from './Samples';

export function TextViews() {
  return (
    <ErrorBoundary name="text views">
      <div className="text-views">
        <LaneTabs />
        <SamplesPanel />
        <NextTokenPanel />
        <DraftPanel />
      </div>
    </ErrorBoundary>
  );
}
