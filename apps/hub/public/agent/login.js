/** Sign-in form and brand picker. */
import { $, clear, h } from '../shared/dom.js';

/**
 * @param {{ api: ReturnType<import('./api.js').createApi>,
 *           onLoggedIn: (result: { accessToken: string, agent: object, accounts: object[] }) => void,
 *           onAccountChosen: (accountId: string) => void,
 *           onSignOut: () => void }} options
 */
export function createLogin({ api, onLoggedIn, onAccountChosen, onSignOut }) {
  const form = $('#login-form');
  const email = $('[data-testid="login-email"]');
  const password = $('[data-testid="login-password"]');
  const submit = $('[data-testid="login-submit"]');
  const errorEl = $('#login-error');
  const notice = $('#login-notice');
  const accountList = $('#account-list');
  $('#account-signout').addEventListener('click', () => onSignOut());

  function showError(text) {
    errorEl.textContent = text || '';
    errorEl.hidden = !text;
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    showError('');
    if (!email.value.trim() || !password.value) {
      showError('Enter your email and password.');
      (email.value.trim() ? password : email).focus();
      return;
    }
    submit.disabled = true;
    submit.textContent = 'Signing in…';
    try {
      const result = await api.login(email.value.trim(), password.value);
      if (!result?.accessToken) throw new Error('The server answered without a token.');
      password.value = '';
      onLoggedIn(result);
    } catch (err) {
      showError(err?.message || 'Sign-in failed.');
      password.select();
      password.focus();
    } finally {
      submit.disabled = false;
      submit.textContent = 'Sign in';
    }
  });

  return {
    /** Show the sign-in form, optionally with a notice such as "your session expired". */
    show(message) {
      notice.textContent = message || '';
      notice.hidden = !message;
      showError('');
      (email.value ? password : email).focus();
    },
    /** Render the brand picker for agents of several brands. */
    showAccounts(accounts) {
      clear(accountList);
      for (const account of accounts) {
        accountList.append(h('li', {},
          h('button', {
            type: 'button',
            className: 'account-choice',
            'data-testid': 'account-choice',
            'data-account-id': account.id,
            on: { click: () => onAccountChosen(account.id) },
          },
          h('span', { className: 'account-choice__name', text: account.name }),
          h('span', { className: 'account-choice__role', text: account.role }))));
      }
      accountList.querySelector('button')?.focus();
    },
  };
}
