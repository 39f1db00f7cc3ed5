import type { PageLocale } from './page-locale';
import { MIN_PASSWORD_LENGTH } from './passwords';

// Every word the tenant's sign-in, reset and message pages show, in English and German. The
// English texts are what the pages always said (tests and the logs know them).

const en = {
  signInTitle: 'Sign in',
  welcome: 'Welcome',
  signInLead: (client: string) => `Sign in to ${client} to continue.`,
  theApplication: 'the application',
  email: 'Email',
  password: 'Password',
  forgot: 'Forgot password?',
  continue: 'Continue',
  or: 'or',
  passkey: 'Continue with a passkey',
  google: 'Continue with Google (simulated)',
  localNote: "Local development tenant: it speaks Auth0's protocol but is not Auth0.",
  chooseTitle: 'Choose an account',
  chooseLead: 'Simulated Google sign-in: no request leaves this machine.',
  noGoogle: 'No Google accounts in this tenant.',
  backToSignIn: 'Back to sign in',
  backTo: (app: string) => `Back to ${app}`,
  wrongCredentials: 'Wrong email or password.',
  tooManyAttempts: (minutes: number) =>
    `Too many failed attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
  expiredTitle: 'Sign-in expired',
  expired: 'Your sign-in session expired. Go back to the application and try again.',
  forgotTitle: 'Forgot your password?',
  forgotLead: 'Enter your email address and we will send you instructions to reset your password.',
  sentTitle: 'Check your email',
  sent: (email: string) =>
    `If ${email} has an account with a password here, we have sent it an email with a link to reset the password. The link works once.`,
  newPasswordTitle: 'Change your password',
  newPasswordLead: `Enter a new password below. It must have at least ${MIN_PASSWORD_LENGTH} characters.`,
  newPassword: 'New password',
  confirmPassword: 'Re-enter new password',
  resetPassword: 'Reset password',
  invalidEmail: 'Enter a valid email address.',
  passwordTooShort: `Your password must have at least ${MIN_PASSWORD_LENGTH} characters.`,
  mismatch: 'The passwords do not match.',
  linkExpiredTitle: 'Link expired',
  linkExpired:
    'This link has expired or was already used. Ask for a new one from the sign-in page.',
  changedTitle: 'Password changed',
  changed: 'Your password has been changed. Sign in with it from the application.',
  /** What the passkey button's script says (the page hands these to it) and the server's refusals. */
  passkeyText: {
    unsupported: "This browser doesn't support passkeys. Use another sign-in method.",
    unavailable: 'Passkey sign-in is unavailable.',
    cancelled:
      'Passkey sign-in was cancelled or timed out. Try again or use another sign-in method.',
    unusable: "Your passkey couldn't be used. Try again or use another sign-in method.",
    noneSelected: 'No passkey was selected.',
    notVerified: "We couldn't verify that passkey.",
    wentWrong: 'Something went wrong. Try again.',
  },
  passkeyErrors: {
    unknown: "This passkey isn't registered for any account here. Try another sign-in method.",
    expired: 'The passkey request expired. Try again.',
    failed: "We couldn't verify that passkey. Try again or use another sign-in method.",
  },
};

export type PageText = typeof en;

const de: PageText = {
  signInTitle: 'Anmelden',
  welcome: 'Willkommen',
  signInLead: (client) => `Melden Sie sich bei ${client} an, um fortzufahren.`,
  theApplication: 'der Anwendung',
  email: 'E-Mail-Adresse',
  password: 'Passwort',
  forgot: 'Passwort vergessen?',
  continue: 'Weiter',
  or: 'oder',
  passkey: 'Mit einem Passkey fortfahren',
  google: 'Mit Google fortfahren (simuliert)',
  localNote:
    'Lokaler Entwicklungs-Tenant: Er spricht das Protokoll von Auth0, ist aber nicht Auth0.',
  chooseTitle: 'Konto auswählen',
  chooseLead: 'Simulierte Google-Anmeldung: Keine Anfrage verlässt diesen Rechner.',
  noGoogle: 'Keine Google-Konten in diesem Tenant.',
  backToSignIn: 'Zurück zur Anmeldung',
  backTo: (app) => `Zurück zu ${app}`,
  wrongCredentials: 'Falsche E-Mail-Adresse oder falsches Passwort.',
  tooManyAttempts: (minutes) =>
    `Zu viele fehlgeschlagene Versuche. Versuchen Sie es in ${minutes} ${minutes === 1 ? 'Minute' : 'Minuten'} erneut.`,
  expiredTitle: 'Anmeldung abgelaufen',
  expired:
    'Ihre Anmeldesitzung ist abgelaufen. Kehren Sie zur Anwendung zurück und versuchen Sie es erneut.',
  forgotTitle: 'Passwort vergessen?',
  forgotLead:
    'Geben Sie Ihre E-Mail-Adresse ein. Wir senden Ihnen eine Anleitung zum Zurücksetzen Ihres Passworts.',
  sentTitle: 'Prüfen Sie Ihre E-Mails',
  sent: (email) =>
    `Falls ${email} hier ein Konto mit Passwort hat, haben wir eine E-Mail mit einem Link zum Zurücksetzen des Passworts gesendet. Der Link funktioniert einmal.`,
  newPasswordTitle: 'Passwort ändern',
  newPasswordLead: `Geben Sie unten ein neues Passwort ein. Es muss mindestens ${MIN_PASSWORD_LENGTH} Zeichen haben.`,
  newPassword: 'Neues Passwort',
  confirmPassword: 'Neues Passwort wiederholen',
  resetPassword: 'Passwort zurücksetzen',
  invalidEmail: 'Geben Sie eine gültige E-Mail-Adresse ein.',
  passwordTooShort: `Ihr Passwort muss mindestens ${MIN_PASSWORD_LENGTH} Zeichen haben.`,
  mismatch: 'Die Passwörter stimmen nicht überein.',
  linkExpiredTitle: 'Link abgelaufen',
  linkExpired:
    'Dieser Link ist abgelaufen oder wurde bereits verwendet. Fordern Sie auf der Anmeldeseite einen neuen an.',
  changedTitle: 'Passwort geändert',
  changed: 'Ihr Passwort wurde geändert. Melden Sie sich damit in der Anwendung an.',
  passkeyText: {
    unsupported:
      'Dieser Browser unterstützt keine Passkeys. Nutzen Sie eine andere Anmeldemöglichkeit.',
    unavailable: 'Die Anmeldung mit Passkey ist nicht verfügbar.',
    cancelled:
      'Die Anmeldung mit Passkey wurde abgebrochen oder hat zu lange gedauert. Versuchen Sie es erneut oder nutzen Sie eine andere Anmeldemöglichkeit.',
    unusable:
      'Ihr Passkey konnte nicht verwendet werden. Versuchen Sie es erneut oder nutzen Sie eine andere Anmeldemöglichkeit.',
    noneSelected: 'Es wurde kein Passkey ausgewählt.',
    notVerified: 'Dieser Passkey konnte nicht bestätigt werden.',
    wentWrong: 'Etwas ist schiefgelaufen. Versuchen Sie es erneut.',
  },
  passkeyErrors: {
    unknown:
      'Dieser Passkey gehört hier zu keinem Konto. Nutzen Sie eine andere Anmeldemöglichkeit.',
    expired: 'Die Passkey-Anfrage ist abgelaufen. Versuchen Sie es erneut.',
    failed:
      'Dieser Passkey konnte nicht bestätigt werden. Versuchen Sie es erneut oder nutzen Sie eine andere Anmeldemöglichkeit.',
  },
};

export const PAGE_TEXT: Record<PageLocale, PageText> = { en, de };
