/** The header's way back to the "What is distillation?" card, on every page and in every mode. */
import { useIntroStore } from '../../state/intro';

/** The card gives focus back here when it closes, and the tour when it ends without a better place. */
export const INTRO_BUTTON_ID = 'intro-open';

export function IntroButton() {
  const card = useIntroStore((s) => s.card);
  return (
    <button
      type="button"
      id={INTRO_BUTTON_ID}
      className="intro-open"
      aria-expanded={card}
      onClick={() => useIntroStore.getState().openCard()}
    >
      What is distillation?
    </button>
  );
}
