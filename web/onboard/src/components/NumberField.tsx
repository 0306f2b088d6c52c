import { FieldError, Group, Input, Label, NumberField as AriaNumberField, Text } from 'react-aria-components';
import type { NumberFieldProps as AriaNumberFieldProps } from 'react-aria-components';

/**
 * A number in the kit's NumberField: typed digits are formatted for the reader's locale (5,00,000 in
 * India's grouping) and the value stays a number. Errors arrive through the parent <Form validationErrors>.
 */
export function NumberField({
  label,
  description,
  onEdit,
  ...props
}: Omit<AriaNumberFieldProps, 'children'> & {
  label: string;
  description?: string;
  /** Called on every keystroke (`onChange` waits for the field to lose focus). */
  onEdit?: () => void;
}) {
  return (
    <AriaNumberField {...props} className="field">
      <Label>{label}</Label>
      <Group>
        <Input onInput={onEdit} />
      </Group>
      {description && <Text slot="description">{description}</Text>}
      <FieldError className="field-error" />
    </AriaNumberField>
  );
}
