/** The reproducibility stamp of what is on screen: app version, seed, backend, teacher weights. */
import { useConfigStore } from '../../state/config';
import { APP_VERSION } from '../../state/link';
import { useRunStore } from '../../state/run';

export function Stamp() {
  const seed = useConfigStore((s) => s.config.seed);
  const choice = useConfigStore((s) => s.config.backend);
  const backend = useRunStore((s) => s.backend?.name);
  const hash = useRunStore((s) => s.session?.teacher.weightsHash);
  return (
    <p
      className="stamp"
      aria-label="Reproducibility stamp"
      title="Same version, seed, backend and teacher weights give the same curves"
    >
      KD Studio {APP_VERSION} · seed {seed} · {backend ?? choice}
      {hash ? ` · teacher ${hash}` : ''}
    </p>
  );
}
