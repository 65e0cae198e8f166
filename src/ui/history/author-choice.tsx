import type { PartnerId } from '../../signal/types';

/** Who a reflection or commitment is from: both partners, or one of them by name. */
export type Author = 'both' | PartnerId;

export interface AuthorChoiceProps {
  /** The question shown as the group's legend ("Who is writing?"). */
  readonly legend: string;
  /** Name shared by the radio buttons; unique per form. */
  readonly name: string;
  readonly partnerNames: { readonly a: string; readonly b: string };
  readonly value: Author;
  readonly onChange: (author: Author) => void;
}

export function AuthorChoice({ legend, name, partnerNames, value, onChange }: AuthorChoiceProps) {
  const options: readonly (readonly [Author, string])[] = [
    ['both', 'Both of us'],
    ['a', partnerNames.a],
    ['b', partnerNames.b],
  ];
  return (
    <fieldset className="history-choice">
      <legend>{legend}</legend>
      {options.map(([option, label]) => (
        <label key={option}>
          <input type="radio" name={name} value={option} checked={value === option} onChange={() => onChange(option)} /> {label}
        </label>
      ))}
    </fieldset>
  );
}
