import { STEP_LABELS, STEPS, type Step } from './journey';

/**
 * Where the couple is in the journey: a quiet bar of seven segments and one line of text
 * ("Step 4 of 7: Settle"), so nobody has to wonder how much is left.
 */
export function JourneyProgress({ step }: { readonly step: Step }) {
  const index = STEPS.indexOf(step);
  return (
    <nav aria-label="Progress">
      <p className="progress-label">
        Step {index + 1} of {STEPS.length}: {STEP_LABELS[step]}
      </p>
      <ol className="progress">
        {STEPS.map((s, i) => (
          <li key={s} aria-current={i === index ? 'step' : undefined} data-done={i < index}>
            <span className="visually-hidden">
              {STEP_LABELS[s]}
              {i < index ? ' (done)' : ''}
            </span>
          </li>
        ))}
      </ol>
    </nav>
  );
}
