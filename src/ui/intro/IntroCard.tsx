/**
 * "What is distillation?": a short card above the views, on a first visit or from the header.
 * A region, not a modal dialog: nothing behind it waits for it (a link's Play runs on). Escape
 * inside it, "Got it" or ✕ close it for good (state/intro.ts); focus then goes to the header's
 * button that reopens it, so it is never dropped on the page.
 */
import { useEffect, useId, useRef } from 'react';
import { useConfigStore } from '../../state/config';
import { useIntroStore } from '../../state/intro';
import { isDefaultExperiment } from '../../state/intro-open';
import { useLinkStore } from '../../state/link';
import { INTRO_BUTTON_ID } from './IntroButton';
import { TemperaturePicture } from './TemperaturePicture';
import './intro.css';

function focusIntroButton(): void {
  document.getElementById(INTRO_BUTTON_ID)?.focus();
}

export function IntroCard() {
  const card = useIntroStore((s) => s.card);
  const opened = useIntroStore((s) => s.opened);
  const present = useLinkStore((s) => s.flags.present);
  const onDefault = useConfigStore((s) => isDefaultExperiment(s.config));
  const heading = useRef<HTMLHeadingElement>(null);
  const titleId = useId();

  // Opened from the header: take focus there and bring the card into view.
  useEffect(() => {
    if (!opened || !heading.current) return;
    heading.current.focus();
    heading.current.scrollIntoView({ block: 'nearest' });
  }, [opened]);

  if (!card) return null;
  const close = () => {
    useIntroStore.getState().dismissCard();
    focusIntroButton();
  };
  return (
    <section
      className="intro-card"
      aria-labelledby={titleId}
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        e.preventDefault();
        close();
      }}
    >
      <header className="intro-header">
        <h2 id={titleId} ref={heading} tabIndex={-1}>
          What is distillation?
        </h2>
        <button type="button" className="btn btn-small" aria-label="Close “What is distillation?”" onClick={close}>
          ✕
        </button>
      </header>
      <div className="intro-body">
        <div className="intro-text">
          <p className="intro-lead">
            Knowledge distillation trains a small model, the <strong>student</strong>, to imitate a bigger one, the{' '}
            <strong>teacher</strong>. Here both sort the points of a 2-D spiral into its three arms.
          </p>
          <dl className="intro-terms">
            <dt>The teacher</dt>
            <dd>
              A bigger model, trained first on the labels, then frozen: it only gives answers. Here a{' '}
              {'2\u201148\u201148\u20113'} network with 2,643 weights; the student, {'2\u201110\u20113'}, has 63.
            </dd>
            <dt>Soft targets</dt>
            <dd>
              The student learns from the teacher’s whole probability vector for each point, not just its top class:
              “class 1, but a little like class 0” says where a point lies; a label only says “class 1”.
            </dd>
            <dt>Temperature T</dt>
            <dd>
              Both models’ logits are divided by T before the softmax. A T above 1 flattens the probabilities, so the
              small ones, the “dark knowledge”, count in the loss; Hinton’s KD multiplies that loss by T² to keep its
              gradients about as large as at T = 1. Default: T = 4, with α = 0.9 of the loss from the soft targets and
              0.1 from the labels.
            </dd>
            <dt>Agreement</dt>
            <dd>
              The share of held-out points where the student’s top class is the teacher’s: 100% copies every decision,
              right or wrong. Accuracy compares with the true labels instead.
            </dd>
          </dl>
        </div>
        <TemperaturePicture />
      </div>
      <footer className="intro-actions">
        {present ? null : (
          <button type="button" className="btn btn-primary" onClick={() => useIntroStore.getState().startTour()}>
            Show me
          </button>
        )}
        <button type="button" className="btn" onClick={close}>
          Got it
        </button>
        {present ? null : (
          <span className="intro-hint">
            Show me runs the default experiment and points at its four parts in turn
            {onDefault ? '.' : ', in place of the experiment on screen.'}
          </span>
        )}
      </footer>
    </section>
  );
}
