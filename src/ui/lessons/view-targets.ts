/**
 * Where each lesson view is on the page, found by the accessible names and titles the views
 * already have (so no other part of the UI needs to know about lessons). A chart is found by its
 * title: the task may word it its own way, so each is a pattern.
 */
import type { LessonView } from '../../lessons/views';

const SECTIONS: Partial<Record<LessonView, string>> = {
  readouts: 'dl[aria-label="Live readouts"]',
  race: 'table[aria-label="Race standings"]',
  boundaries: 'section[aria-label="Decision boundaries"]',
  inspector: 'aside[aria-label="Point inspector"]',
  samples: 'section[aria-label="Samples"]',
  'next-tokens': 'section[aria-label="Next-character distributions"]',
  gallery: 'section[aria-label="Gallery of test images"]',
  confusion: 'section[aria-label="Confusion matrices"]',
  calibration: 'section[aria-label="Calibration"]',
  'capacity-gap': 'section[aria-label="Capacity gap"], section[aria-label="Toy capacity gap"]',
  'several-teachers': 'section[aria-label="Several teachers lab"]',
  draft: 'section[aria-label="Draft model demo"]',
};

const CHARTS: Partial<Record<LessonView, RegExp>> = {
  loss: /^Loss( \(total\))?$/,
  // One student: the loss chart shows its parts; a race has a chart of its own for them.
  'loss-parts': /^Loss parts|^Loss$/,
  accuracy: /accuracy \(held-out\)$/i,
  agreement: /^(Token-level )?top-1 agreement with the teacher$/i,
  kl: /KL\(teacher‖student\) at T = 1/,
  schedules: /^Schedules and state/,
  perplexity: /^Held-out perplexity/,
  hacking: /^Teacher hacking/,
  'top-k': /^Against the teacher’s top k/,
};

/** The element a note about `view` is pinned to, if it is on the page. */
export function findView(view: LessonView, root: ParentNode = document): HTMLElement | null {
  const selector = SECTIONS[view];
  if (selector) return root.querySelector<HTMLElement>(selector);
  const title = CHARTS[view];
  if (!title) return null;
  for (const figure of root.querySelectorAll<HTMLElement>('figure.chart-card')) {
    const text = figure.querySelector('.chart-title')?.textContent?.trim() ?? '';
    if (title.test(text)) return figure;
  }
  return null;
}
