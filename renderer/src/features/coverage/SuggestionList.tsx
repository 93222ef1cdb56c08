import { SUGGESTION_SOURCE_LABELS, type EvidenceSuggestion } from '../../../../core/coverage/suggestions';

/** Kinds of evidence for a marking point, each with the guidance sentence it was drawn from. */
export function SuggestionList({ suggestions }: { suggestions: readonly EvidenceSuggestion[] }) {
  return (
    <ul className="mx-suggestions">
      {suggestions.map((suggestion) => (
        <li key={suggestion.type}>
          <strong>{suggestion.label}</strong>
          {suggestion.quote !== '' ? (
            <span className="subtle">
              {' '}
              — from {SUGGESTION_SOURCE_LABELS[suggestion.source]}: “{suggestion.quote}”
            </span>
          ) : (
            <span className="subtle"> — general advice: it suits marking points like this one, though the unit’s guidance does not name it.</span>
          )}
        </li>
      ))}
    </ul>
  );
}
