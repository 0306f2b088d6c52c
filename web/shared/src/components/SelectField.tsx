import {
  Button as AriaButton,
  FieldError,
  Label,
  ListBox,
  ListBoxItem,
  Popover,
  Select,
  SelectValue,
  Text,
} from 'react-aria-components';
import type { ReactNode } from 'react';
import type { Choice } from './fields';
import '../select.css';

/**
 * A closed list in the kit's accessible Select (a button that opens a list box), styled like the text
 * fields. `value` is what the API takes; `label` what the reader sees. A server error for `name` arrives
 * through the parent <Form validationErrors>.
 */
export function SelectField({
  label,
  name,
  choices,
  value,
  onChange,
  placeholder,
  description,
  badge,
  isRequired,
  isDisabled,
}: {
  label: string;
  name: string;
  choices: Choice[];
  value: string | null;
  onChange: (value: string) => void;
  placeholder: string;
  description?: string;
  /** Shown beside the label, e.g. where the value came from. */
  badge?: ReactNode;
  isRequired?: boolean;
  isDisabled?: boolean;
}) {
  return (
    <Select
      className="field"
      name={name}
      value={value}
      onChange={(key) => {
        if (key !== null) onChange(String(key));
      }}
      placeholder={placeholder}
      isRequired={isRequired}
      isDisabled={isDisabled}
    >
      <div className="label-row">
        <Label>{label}</Label>
        {badge}
      </div>
      <AriaButton className="select-trigger">
        <SelectValue className="select-value" />
        <span aria-hidden="true">▾</span>
      </AriaButton>
      {description && <Text slot="description">{description}</Text>}
      <FieldError className="field-error" />
      <Popover className="select-popover">
        <ListBox className="select-list">
          {choices.map((choice) => (
            <ListBoxItem
              key={choice.value}
              id={choice.value}
              className="select-option"
              textValue={choice.label}
            >
              {choice.label}
            </ListBoxItem>
          ))}
        </ListBox>
      </Popover>
    </Select>
  );
}
