import {
  Button as AriaButton,
  FieldError,
  Input,
  Label,
  Radio,
  RadioGroup,
  Text,
  TextField as AriaTextField,
} from 'react-aria-components';
import type { ButtonProps, TextFieldProps as AriaTextFieldProps } from 'react-aria-components';
import type { ReactNode } from 'react';

// Thin wrappers that give the kit's accessible widgets Pehchan's look; the kit does labels, focus,
// keyboard and the error announcement. A server error for the field arrives through the parent
// <Form validationErrors>, keyed by the field's name.

export interface TextFieldProps extends Omit<AriaTextFieldProps, 'children'> {
  label: string;
  description?: string;
  placeholder?: string;
  /** Shown beside the label, e.g. where a prefilled value came from. */
  badge?: ReactNode;
}

export function TextField({ label, description, placeholder, badge, ...props }: TextFieldProps) {
  return (
    <AriaTextField {...props} className="field">
      {badge ? (
        <div className="label-row">
          <Label>{label}</Label>
          {badge}
        </div>
      ) : (
        <Label>{label}</Label>
      )}
      <Input placeholder={placeholder} />
      {description && <Text slot="description">{description}</Text>}
      <FieldError className="field-error" />
    </AriaTextField>
  );
}

export interface Choice {
  value: string;
  label: string;
}

export function ChoiceField({
  label,
  name,
  choices,
  value,
  onChange,
  description,
  isRequired,
}: {
  label: string;
  name: string;
  choices: Choice[];
  value: string;
  onChange: (value: string) => void;
  description?: string;
  isRequired?: boolean;
}) {
  return (
    <RadioGroup
      className="field choices"
      name={name}
      // Nothing chosen is null, not '': with a value no radio has, none would be reachable with Tab.
      value={value || null}
      onChange={onChange}
      isRequired={isRequired}
    >
      <Label>{label}</Label>
      {description && <Text slot="description">{description}</Text>}
      <div className="choice-list">
        {choices.map((choice) => (
          <Radio key={choice.value} value={choice.value} className="choice">
            {choice.label}
          </Radio>
        ))}
      </div>
      <FieldError className="field-error" />
    </RadioGroup>
  );
}

export function Button({
  variant = 'primary',
  ...props
}: ButtonProps & { variant?: 'primary' | 'secondary' }) {
  return <AriaButton {...props} className={`button button-${variant}`} />;
}

/** A message for the whole form (not one field), read out by screen readers when it appears. */
export function FormAlert({ message }: { message: string | undefined }) {
  if (!message) return null;
  return (
    <p className="form-alert" role="alert">
      {message}
    </p>
  );
}
