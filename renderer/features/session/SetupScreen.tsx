import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { useSession } from '../../app/SessionProvider.tsx';
import { GateLayout } from './GateLayout.tsx';
import { NewPersonForm, type NewPerson } from './NewPersonForm.tsx';
import { RecoveryCodeStep } from './RecoveryCodeStep.tsx';

interface Created {
  readonly recoveryCode: string;
  readonly name: string;
  readonly at: Date;
}

/**
 * First run: the encrypted store and its first person, then the one-time recovery code. Setting
 * up unlocks the store at once; the gate keeps this screen until the person has confirmed that
 * the code is written down, and `onFinished` lets the app in.
 */
export function SetupScreen({ onFinished }: { onFinished: () => void }) {
  const { t } = useTranslation('session');
  const { status, applyStatus } = useSession();
  const [created, setCreated] = useState<Created | null>(null);
  const settingUp = useRef(false);

  // Set up from elsewhere (another window) while this form was open: nothing is left to do here.
  useEffect(() => {
    if (status.state !== 'needs_setup' && created === null && !settingUp.current) onFinished();
  }, [status.state, created, onFinished]);

  const createStore = async (person: NewPerson) => {
    settingUp.current = true;
    try {
      const result = await api().setUp(person);
      setCreated({ recoveryCode: result.recoveryCode, name: person.name.trim(), at: new Date() });
      applyStatus(result.session);
    } finally {
      settingUp.current = false;
    }
  };

  if (created !== null)
    return (
      <GateLayout title={t('recoveryCode.title')}>
        <RecoveryCodeStep
          code={created.recoveryCode}
          personName={created.name}
          createdAt={created.at}
          onContinue={onFinished}
        />
      </GateLayout>
    );

  return (
    <GateLayout title={t('setup.title')}>
      <h1>{t('setup.title')}</h1>
      <p className="gate__intro">{t('setup.intro')}</p>
      <NewPersonForm
        nameLabel={t('person.yourName')}
        passphraseHint={t('person.passphraseHint')}
        submitLabel={t('setup.submit')}
        submittingLabel={t('setup.submitting')}
        submit={createStore}
      />
    </GateLayout>
  );
}
