import { useMemo, useState } from 'react';
import {
  Button as AriaButton,
  ComboBox,
  Input,
  Label,
  ListBox,
  ListBoxItem,
  Popover,
  Text,
} from 'react-aria-components';
import { CHECK_REASON_CODES } from '../../../../src/modules/kyc/reasons';
import { useLocale } from '../../../shared/src/i18n/i18n';
import '../../../shared/src/select.css';
import { REVIEW_REASON_CODES } from '../labels';
import { BreakableCode, reasonText } from '../reasons';

/** Every code a case's reasons hold as such (a fix's `section/code` is typed in full). */
const CODES = [...new Set<string>([...REVIEW_REASON_CODES, ...CHECK_REASON_CODES])];

/**
 * The reason filter: a code typed as it is, or one picked from the reasons in words (matched on the words or the
 * code). The box holds the code, which is what the queue filters by and what the address keeps.
 */
export function ReasonFilter({
  defaultValue,
  label,
  hint,
}: {
  defaultValue: string;
  label: string;
  hint: string;
}) {
  const { locale } = useLocale();
  const [text, setText] = useState(defaultValue);
  const reasons = useMemo(
    () =>
      CODES.map((code) => ({ id: code, words: reasonText(locale, code) })).sort((a, b) =>
        a.words.localeCompare(b.words, locale),
      ),
    [locale],
  );
  const wanted = text.trim().toLocaleLowerCase(locale);
  const shown = reasons.filter(
    (reason) => reason.id.includes(wanted) || reason.words.toLocaleLowerCase(locale).includes(wanted),
  );
  return (
    <ComboBox
      className="field"
      name="reason"
      allowsCustomValue
      inputValue={text}
      onInputChange={setText}
      items={shown}
    >
      <Label>{label}</Label>
      <div className="combo">
        <Input className="combo-input" />
        <AriaButton className="combo-button">
          <span aria-hidden="true">▾</span>
        </AriaButton>
      </div>
      <Text slot="description" className="hint">
        {hint}
      </Text>
      <Popover className="select-popover reason-popover">
        <ListBox className="select-list">
          {(reason: (typeof reasons)[number]) => (
            <ListBoxItem id={reason.id} textValue={reason.id} className="select-option">
              {reason.words} <BreakableCode code={reason.id} />
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </ComboBox>
  );
}
