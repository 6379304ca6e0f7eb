/** Reply / private-note composer: Enter sends, Shift+Enter adds a line, drafts kept per conversation. */
import { $, submitOnEnter } from '../shared/dom.js';

/**
 * @param {{ onSend: (text: string, isPrivate: boolean) => void,
 *           onTypingInput: () => void, onTypingStop: () => void }} handlers
 */
export function createComposer({ onSend, onTypingInput, onTypingStop }) {
  const form = $('#composer');
  const input = $('[data-testid="composer-input"]');
  const toggle = $('[data-testid="note-toggle"]');
  const hint = $('#composer-hint');
  const drafts = new Map(); // conversationId -> unsent text
  let conversationId = null;
  let note = false;

  function setNote(value) {
    note = Boolean(value);
    toggle.setAttribute('aria-pressed', String(note));
    form.classList.toggle('composer--note', note);
    input.placeholder = note ? 'Write a private note — only your team will see it…' : 'Write a reply…';
    hint.textContent = note ? 'Private note — not sent to the customer' : 'Replying to the customer';
    if (note) onTypingStop(); // the customer must not see "typing…" for an internal note
  }

  function submit() {
    const text = input.value.trim();
    if (!text || !conversationId) return;
    input.value = '';
    drafts.delete(conversationId);
    onTypingStop();
    onSend(text, note);
    input.focus();
  }

  toggle.addEventListener('click', () => {
    setNote(!note);
    input.focus();
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submit();
  });
  submitOnEnter(input, submit);
  input.addEventListener('input', () => {
    if (conversationId) drafts.set(conversationId, input.value);
    if (!note && input.value.trim()) onTypingInput();
  });
  input.addEventListener('blur', () => onTypingStop());

  setNote(false);

  return {
    /** Switch to another conversation, keeping each conversation's draft. */
    switchTo(nextId) {
      if (conversationId && input.value) drafts.set(conversationId, input.value);
      conversationId = nextId;
      input.value = (nextId && drafts.get(nextId)) || '';
    },
    setNote,
    focus: () => input.focus(),
    reset() {
      drafts.clear();
      conversationId = null;
      input.value = '';
      setNote(false);
    },
  };
}
