/**
 * The text task's views: what the teacher and the students write after the same prompt and
 * seed, and, for a chosen position of the held-out text, their next-character distributions.
 */
import { ErrorBoundary } from '../../../ui/ErrorBoundary';
import { LaneTabs } from '../../../ui/views/LaneTabs';
import { NextTokenPanel } from './NextTokens';
import { SamplesPanel } from './Samples';

export function TextViews() {
  return (
    <ErrorBoundary name="text views">
      <div className="text-views">
        <LaneTabs />
        <SamplesPanel />
        <NextTokenPanel />
      </div>
    </ErrorBoundary>
  );
}
