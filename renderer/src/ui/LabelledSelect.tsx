// The labelled choice of a link relation (supports, contradicts…), with an "all" choice where it filters.
interface Props {
  relations: readonly string[];
  value: string;
  onChange(relation: string): void;
  /** The words of a first choice meaning "any relation" (value ""), where the select filters. */
  anyLabel?: string;
}

export function RelationSelect({ relations, value, onChange, anyLabel }: Props) {
  return (
    <label>
      Relation
      <select value={value} onChange={(event) => onChange(event.target.value)}>
        {anyLabel !== undefined && <option value="">{anyLabel}</option>}
        {relations.map((r) => (
          <option key={r} value={r}>
            {r}
          </option>
        ))}
      </select>
    </label>
  );
}
