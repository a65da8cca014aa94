import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { useSession } from '../../app/SessionProvider.tsx';
import { GateLayout } from './GateLayout.tsx';
import { NewPersonForm, type NewPerson } from './NewPersonForm.tsx';

/**
 * First run: the encrypted store and its first person, who is always the administrator (main
 * decides it; this screen says so instead of offering roles). Setting up unlocks the store with
 * the recovery code pending, so the session gate shows the code sheet next, and again at every
 * start until the person confirms they kept it.
 */
export function SetupScreen() {
  const { t } = useTranslation('session');
  const { applyStatus } = useSession();

  const role = {
    role: 'administrator',
    label: t('setup.roleLabel'),
    hint: t('setup.roleHint'),
  } as const;

  const createStore = async (person: NewPerson) => {
    applyStatus(await api().setUp({ name: person.name, passphrase: person.passphrase }));
  };

  return (
    <GateLayout title={t('setup.title')}>
      <h1>{t('setup.title')}</h1>
      <p className="gate__intro">{t('setup.intro')}</p>
      <NewPersonForm
        nameLabel={t('person.yourName')}
        passphraseHint={t('person.passphraseHint')}
        submitLabel={t('setup.submit')}
        submittingLabel={t('setup.submitting')}
        fixedRole={role}
        submit={createStore}
      />
    </GateLayout>
  );
}
