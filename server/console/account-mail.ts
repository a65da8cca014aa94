import type { ConsoleRole } from '../../shared/console/roles.ts';
import { dateTimeFormat } from '../../shared/i18n/formats.ts';
import { catalogueToCyrillic } from '../../shared/i18n/serbian-cyrillic.ts';
import type { Language } from '../../shared/settings/settings.ts';
import type { OutgoingMail } from './mailer.ts';

/**
 * The console's account mails (an invitation, a password reset) in the language the person asked
 * in: the inviting administrator's console language, or the reset form's. A person who reads no
 * English must still be able to act on the code. The code stands alone on a line indented by four
 * spaces, in every language, so it is copied (and found by tests) without its words.
 */
const en = {
  inviteSubject: 'Your invitation to the SALW Field console',
  invited: 'You are invited to the SALW Field console as {role}.',
  inviteOpen: 'Open {page} and enter this code with your name and a password:',
  resetSubject: 'Resetting your SALW Field console password',
  resetAsked: 'Someone asked to reset the password of your SALW Field console account.',
  resetOpen: 'Open {page} and enter this code with a new password:',
  notYou: 'If it was not you, ignore this mail: your password stays as it is.',
  codeWorks: 'The code works once, until {when} UTC ({minutes} minutes).',
  role: { administrator: 'administrator', reviewer: 'reviewer', viewer: 'viewer' },
};
type MailWords = typeof en;

const srLatn: MailWords = {
  inviteSubject: 'Poziv u konzolu SALW Field',
  invited: 'Pozvani ste u konzolu SALW Field kao {role}.',
  inviteOpen: 'Otvorite {page} i unesite ovaj kod, svoje ime i lozinku:',
  resetSubject: 'Promena lozinke za konzolu SALW Field',
  resetAsked: 'Neko je zatražio promenu lozinke vašeg naloga u konzoli SALW Field.',
  resetOpen: 'Otvorite {page} i unesite ovaj kod i novu lozinku:',
  notYou: 'Ako to niste bili vi, zanemarite ovu poruku: vaša lozinka ostaje ista.',
  codeWorks: 'Kod važi jednom, do {when} UTC ({minutes} minuta).',
  role: { administrator: 'administrator', reviewer: 'recenzent', viewer: 'posmatrač' },
};

const words: Readonly<Record<Language, MailWords>> = {
  en,
  'sr-Latn': srLatn,
  'sr-Cyrl': catalogueToCyrillic(srLatn),
  bs: {
    inviteSubject: 'Poziv u konzolu SALW Field',
    invited: 'Pozvani ste u konzolu SALW Field kao {role}.',
    inviteOpen: 'Otvorite {page} i unesite ovaj kod, svoje ime i lozinku:',
    resetSubject: 'Promjena lozinke za konzolu SALW Field',
    resetAsked: 'Neko je zatražio promjenu lozinke vašeg računa u konzoli SALW Field.',
    resetOpen: 'Otvorite {page} i unesite ovaj kod i novu lozinku:',
    notYou: 'Ako to niste bili vi, zanemarite ovu poruku: vaša lozinka ostaje ista.',
    codeWorks: 'Kod vrijedi jednom, do {when} UTC ({minutes} minuta).',
    role: { administrator: 'administrator', reviewer: 'kontrolor', viewer: 'posmatrač' },
  },
  hr: {
    inviteSubject: 'Poziv u konzolu SALW Field',
    invited: 'Pozvani ste u konzolu SALW Field kao {role}.',
    inviteOpen: 'Otvorite {page} i unesite ovaj kod, svoje ime i lozinku:',
    resetSubject: 'Promjena lozinke za konzolu SALW Field',
    resetAsked: 'Netko je zatražio promjenu lozinke vašeg računa u konzoli SALW Field.',
    resetOpen: 'Otvorite {page} i unesite ovaj kod i novu lozinku:',
    notYou: 'Ako to niste bili vi, zanemarite ovu poruku: vaša lozinka ostaje ista.',
    codeWorks: 'Kod vrijedi jednom, do {when} UTC ({minutes} minuta).',
    role: { administrator: 'administrator', reviewer: 'kontrolor', viewer: 'promatrač' },
  },
  cnr: {
    inviteSubject: 'Poziv u konzolu SALW Field',
    invited: 'Pozvani ste u konzolu SALW Field kao {role}.',
    inviteOpen: 'Otvorite {page} i unesite ovaj kod, svoje ime i lozinku:',
    resetSubject: 'Promjena lozinke za konzolu SALW Field',
    resetAsked: 'Neko je zatražio promjenu lozinke vašeg naloga u konzoli SALW Field.',
    resetOpen: 'Otvorite {page} i unesite ovaj kod i novu lozinku:',
    notYou: 'Ako to niste bili vi, zanemarite ovu poruku: vaša lozinka ostaje ista.',
    codeWorks: 'Kod važi jednom, do {when} UTC ({minutes} minuta).',
    role: { administrator: 'administrator', reviewer: 'kontrolor', viewer: 'posmatrač' },
  },
  mk: {
    inviteSubject: 'Покана за конзолата SALW Field',
    invited: 'Поканети сте во конзолата SALW Field како {role}.',
    inviteOpen: 'Отворете {page} и внесете го овој код, вашето име и лозинка:',
    resetSubject: 'Промена на лозинката за конзолата SALW Field',
    resetAsked: 'Некој побара промена на лозинката на вашата сметка во конзолата SALW Field.',
    resetOpen: 'Отворете {page} и внесете го овој код и нова лозинка:',
    notYou: 'Ако тоа не сте биле вие, занемарете ја пораката: вашата лозинка останува иста.',
    codeWorks: 'Кодот важи еднаш, до {when} UTC ({minutes} минути).',
    role: {
      administrator: 'администратор',
      reviewer: 'прегледувач',
      viewer: 'корисник со право на читање',
    },
  },
  sq: {
    inviteSubject: 'Ftesë për konsolën SALW Field',
    invited: 'Jeni ftuar në konsolën SALW Field si {role}.',
    inviteOpen: 'Hapni {page} dhe shkruani këtë kod, emrin tuaj dhe një fjalëkalim:',
    resetSubject: 'Ndryshimi i fjalëkalimit të konsolës SALW Field',
    resetAsked: 'Dikush kërkoi ndryshimin e fjalëkalimit të llogarisë suaj në konsolën SALW Field.',
    resetOpen: 'Hapni {page} dhe shkruani këtë kod dhe një fjalëkalim të ri:',
    notYou: 'Nëse nuk ishit ju, shpërfilleni këtë mesazh: fjalëkalimi juaj mbetet i njëjtë.',
    codeWorks: 'Kodi vlen një herë, deri më {when} UTC ({minutes} minuta).',
    role: { administrator: 'administrator', reviewer: 'shqyrtues', viewer: 'lexues' },
  },
  fr: {
    inviteSubject: 'Votre invitation à la console SALW Field',
    invited: 'Vous êtes invité(e) à la console SALW Field en tant que {role}.',
    inviteOpen: 'Ouvrez {page} et saisissez ce code avec votre nom et un mot de passe :',
    resetSubject: 'Réinitialisation de votre mot de passe de la console SALW Field',
    resetAsked:
      'Quelqu’un a demandé la réinitialisation du mot de passe de votre compte de la console SALW Field.',
    resetOpen: 'Ouvrez {page} et saisissez ce code avec un nouveau mot de passe :',
    notYou: 'Si ce n’était pas vous, ignorez ce message : votre mot de passe reste inchangé.',
    codeWorks: 'Le code est valable une fois, jusqu’au {when} UTC ({minutes} minutes).',
    role: { administrator: 'administrateur', reviewer: 'réviseur', viewer: 'lecteur' },
  },
  ar: {
    inviteSubject: 'دعوتك إلى وحدة تحكم SALW Field',
    invited: 'أنت مدعو إلى وحدة تحكم SALW Field بصفة {role}.',
    inviteOpen: 'افتح {page} وأدخل هذا الرمز مع اسمك وكلمة مرور:',
    resetSubject: 'إعادة تعيين كلمة مرور وحدة تحكم SALW Field',
    resetAsked: 'طلب شخص ما إعادة تعيين كلمة مرور حسابك في وحدة تحكم SALW Field.',
    resetOpen: 'افتح {page} وأدخل هذا الرمز مع كلمة مرور جديدة:',
    notYou: 'إن لم تكن أنت صاحب الطلب فتجاهل هذه الرسالة: تبقى كلمة مرورك كما هي.',
    codeWorks: 'يصلح الرمز مرة واحدة، حتى {when} بالتوقيت العالمي ({minutes} دقيقة).',
    role: { administrator: 'مسؤول النظام', reviewer: 'مراجِع', viewer: 'مطّلِع' },
  },
};

function fill(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

interface CodeMail {
  readonly language: Language;
  readonly to: string;
  /**
   * The console's address, to which the mail's page (#/accept, #/reset) is added as a whole
   * value: inside a template, Serbian Cyrillic would spell the page's name in Cyrillic.
   */
  readonly consoleUrl: string;
  readonly code: string;
  readonly expiresAt: Date;
  readonly minutes: number;
}

/** The line naming when the code stops working, in the reader's date and time, in UTC. */
function codeWorksLine(mail: CodeMail, w: MailWords): string {
  const when = dateTimeFormat(mail.language, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'UTC',
  }).format(mail.expiresAt);
  return fill(w.codeWorks, { when, minutes: String(mail.minutes) });
}

export function invitationMail(mail: CodeMail & { readonly role: ConsoleRole }): OutgoingMail {
  const w = words[mail.language];
  return {
    to: mail.to,
    subject: w.inviteSubject,
    text: [
      fill(w.invited, { role: w.role[mail.role] }),
      '',
      fill(w.inviteOpen, { page: `${mail.consoleUrl}#/accept` }),
      '',
      `    ${mail.code}`,
      '',
      codeWorksLine(mail, w),
    ].join('\n'),
  };
}

export function passwordResetMail(mail: CodeMail): OutgoingMail {
  const w = words[mail.language];
  return {
    to: mail.to,
    subject: w.resetSubject,
    text: [
      w.resetAsked,
      '',
      fill(w.resetOpen, { page: `${mail.consoleUrl}#/reset` }),
      '',
      `    ${mail.code}`,
      '',
      codeWorksLine(mail, w),
      w.notYou,
    ].join('\n'),
  };
}
