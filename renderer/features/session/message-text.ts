import { useTranslation } from 'react-i18next';
import {
  minPassphraseLength,
  passphraseProblemValues,
  type PassphraseProblem,
} from '../../../shared/domain/people.ts';
import type { IpcIssue } from '../../../shared/ipc/errors.ts';
import enSession from '../../i18n/locales/en.session.json';
import { formatList } from '../../../shared/i18n/formats.ts';

type SessionValidationKey = keyof (typeof enSession)['validation'];

export function isPassphraseProblem(key: string): key is PassphraseProblem {
  return (passphraseProblemValues as readonly string[]).includes(key);
}

/**
 * A field error is carried as message keys separated by spaces: the passphrase policy reports
 * every unmet requirement at once (locally and from main), and they are shown as one sentence.
 */
export function joinMessageKeys(keys: readonly string[]): string {
  return keys.join(' ');
}

/** Turns a field error's message keys into one sentence in the person's language. */
export function useSessionMessageText(): (messageKeys: string) => string {
  const { t, i18n } = useTranslation('session');
  return (messageKeys) => {
    const keys = messageKeys.split(' ').filter((key) => key !== '');
    const problems = passphraseProblemValues.filter((problem) => keys.includes(problem));
    if (problems.length > 0) {
      const list = formatList(
        i18n.language,
        problems.map((problem) => t(`passphrase.missing.${problem}`, { min: minPassphraseLength })),
        { type: 'conjunction' },
      );
      return t('passphrase.notMetYet', { missing: list });
    }
    const known = keys.find((key) => Object.hasOwn(enSession.validation, key));
    return t(`validation.${(known ?? 'invalid') as SessionValidationKey}`);
  };
}

/**
 * Main validates every input again; its issues (a dotted path and a message key each) are grouped
 * per form field, so they can be shown next to the field like local ones. `fields` maps the
 * procedure's input paths to the form's field names; issues on other paths are returned as left.
 */
export function groupIssues<F extends string>(
  issues: readonly IpcIssue[],
  fields: Readonly<Record<string, F>>,
): { byField: Map<F, string>; left: IpcIssue[] } {
  const keys = new Map<F, string[]>();
  const left: IpcIssue[] = [];
  for (const issue of issues) {
    const field = Object.hasOwn(fields, issue.path) ? fields[issue.path] : undefined;
    if (field === undefined) left.push(issue);
    else keys.set(field, [...(keys.get(field) ?? []), issue.message]);
  }
  return {
    byField: new Map([...keys].map(([field, list]) => [field, joinMessageKeys(list)])),
    left,
  };
}
