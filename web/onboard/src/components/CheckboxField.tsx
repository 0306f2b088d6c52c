import { useId } from 'react';
import { Checkbox } from 'react-aria-components';

/**
 * A single checkbox in the kit's accessible Checkbox, with its error (from the browser's own check or the
 * server's) shown below it and tied to it by aria-describedby.
 */
export function CheckboxField({
  label,
  name,
  isSelected,
  onChange,
  error,
}: {
  label: string;
  name: string;
  isSelected: boolean;
  onChange: (value: boolean) => void;
  error?: string | undefined;
}) {
  const errorId = useId();
  return (
    <div className="field">
      <Checkbox
        className="checkbox checkbox-field"
        name={name}
        isSelected={isSelected}
        onChange={onChange}
        isInvalid={error !== undefined}
        aria-describedby={error ? errorId : undefined}
      >
        {({ isSelected: checked }) => (
          <>
            <span className="checkbox-box" aria-hidden="true">
              {checked ? '✓' : ''}
            </span>
            <span>{label}</span>
          </>
        )}
      </Checkbox>
      {error && (
        <p id={errorId} className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
