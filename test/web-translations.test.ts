import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Names and abbreviations a Hindi reader sees in Latin letters too: they stay as they are. */
const KEPT_IN_LATIN = new Set([
  'PAN',
  'IFSC',
  'SLA',
  'DigiLocker',
  'NSDL',
  'CDSL',
  'DP ID',
  'TIN',
  'English',
]);
const DEVANAGARI = /[\u0900-\u097F]/;

interface Translation {
  where: string;
  en: string | undefined;
  hi: string;
}

/** The string a literal holds (template literals without their `${…}` parts), or undefined. */
function textOf(node: ts.Node): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node))
    return [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(' ');
  return undefined;
}

const propertyName = (property: ts.PropertyAssignment) =>
  ts.isIdentifier(property.name) || ts.isStringLiteral(property.name)
    ? property.name.text
    : property.name.getText();

/** Pairs each Hindi string with the English one at the same place (objects by key, arrays by index). */
function pair(en: ts.Node | undefined, hi: ts.Node, where: string, found: Translation[]) {
  const text = textOf(hi);
  if (text !== undefined) {
    found.push({ where, en: en && textOf(en), hi: text });
  } else if (ts.isObjectLiteralExpression(hi)) {
    const english = new Map(
      en && ts.isObjectLiteralExpression(en)
        ? en.properties.filter(ts.isPropertyAssignment).map((property) => [propertyName(property), property])
        : [],
    );
    for (const property of hi.properties.filter(ts.isPropertyAssignment))
      pair(
        english.get(propertyName(property))?.initializer,
        property.initializer,
        `${where}.${propertyName(property)}`,
        found,
      );
  } else if (ts.isArrayLiteralExpression(hi)) {
    hi.elements.forEach((element, index) =>
      pair(
        en && ts.isArrayLiteralExpression(en) ? en.elements[index] : undefined,
        element,
        `${where}[${index}]`,
        found,
      ),
    );
  }
}

/** Every translation in the web apps: `defineMessages(en, hi)` calls and `{ en: {…}, hi: {…} }` objects. */
function translationsIn(file: string, source: string): Translation[] {
  const found: Translation[] = [];
  const visit = (node: ts.Node) => {
    if (
      ts.isCallExpression(node) &&
      node.expression.getText() === 'defineMessages' &&
      node.arguments.length === 2
    ) {
      pair(node.arguments[0], node.arguments[1]!, file, found);
    } else if (ts.isObjectLiteralExpression(node)) {
      const byName = new Map(
        node.properties
          .filter(ts.isPropertyAssignment)
          .map((property) => [propertyName(property), property.initializer]),
      );
      const hi = byName.get('hi');
      // `{ en: {…}, hi: {…} }` and `{ en: '…', hi: '…' }` (a navigation label) alike.
      if (hi && byName.has('en') && (ts.isObjectLiteralExpression(hi) || textOf(hi) !== undefined))
        pair(byName.get('en'), hi, file, found);
    }
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX));
  return found;
}

/** A Hindi string left in English: Latin words without a Devanagari letter, or the English text itself. */
function untranslated(translation: Translation): boolean {
  const { en, hi } = translation;
  const words = hi.replace(/\{[^}]*\}/g, ' ').trim();
  if (KEPT_IN_LATIN.has(words) || !/[A-Za-z]/.test(words)) return false;
  return !DEVANAGARI.test(words) || (en !== undefined && hi === en);
}

describe('the Hindi translation of the web apps', () => {
  it('flags a Hindi string left in English, and keeps names, abbreviations and placeholders', () => {
    const source = `
      const messages = defineMessages(
        { save: 'Save', pan: 'PAN', took: '{ms} ms', place: '{city}, {state}', title: 'Your details' },
        { save: 'Save', pan: 'PAN', took: '{ms} ms', place: '{city}, {state}', title: 'आपकी जानकारी' },
      );
      const notice = { en: { sections: [{ text: 'We keep it' }] }, hi: { sections: [{ text: 'We keep it' }] } };
      const nav = { en: 'Queue', hi: 'Queue' };`;
    const flagged = translationsIn('example.ts', source).filter(untranslated);
    expect(flagged.map((translation) => translation.where)).toEqual([
      'example.ts.save',
      'example.ts.took',
      'example.ts.sections[0].text',
      'example.ts',
    ]);
  });

  it('has every string of both apps in Hindi', () => {
    const files = execFileSync('git', ['ls-files', 'web/*.ts', 'web/*.tsx'], { cwd: ROOT, encoding: 'utf8' })
      .trim()
      .split('\n');
    const translations = files.flatMap((file) =>
      translationsIn(file, readFileSync(path.join(ROOT, file), 'utf8')),
    );
    // The apps hold well over a thousand strings: a parse that finds few has missed them.
    expect(translations.length).toBeGreaterThan(1000);
    expect(translations.filter(untranslated).map(({ where, hi }) => `${where}: ${hi}`)).toEqual([]);
  });
});
