// The comments of a post page, in the reader's browser, straight to the blog API:
// - the comment form: fetches a form token, sends the comment with the anti-bot fields (and the
//   reader's notification choices), and says what happened: held, published, or what is wrong,
//   each field's problem under that field;
// - "Edit" on the reader's own comments while the edit window is open (the edit token the
//   submission answered, kept in this browser's localStorage under `blog-edit:<documentId>`);
// - "Report" on every comment, with the API's reasons and an optional note.
(() => {
  const script = document.getElementById('comments-script');
  const api = script?.dataset.api;
  if (!api) return;
  const storageKey = (documentId) => `blog-edit:${documentId}`;

  /** The form's own names for the API's fields: its messages name the fields as it knows them. */
  const LABELS = {
    authorName: 'Name',
    authorEmail: 'Email',
    authorUrl: 'Website',
    content: 'Comment',
    parent: 'Reply',
  };
  const inWords = (field, message) =>
    LABELS[field] && message.startsWith(field)
      ? `${LABELS[field]}${message.slice(field.length)}`
      : message;

  /** A fetch of the API that answers the parsed body too (null when it is not JSON). */
  const call = async (path, options = {}) => {
    const res = await fetch(`${api}${path}`, {
      ...options,
      headers: { 'Content-Type': 'application/json', ...(options.headers ?? {}) },
    });
    return { res, body: await res.json().catch(() => null) };
  };
  const refusal = ({ res, body }) => body?.error?.message ?? `The blog answered ${res.status}`;

  /** A comment's text as the page shows it: paragraphs, with line breaks. */
  const showText = (container, text) => {
    container.textContent = '';
    for (const paragraph of text.split(/\n{2,}/)) {
      const p = document.createElement('p');
      paragraph.split('\n').forEach((line, index) => {
        if (index > 0) p.append(document.createElement('br'));
        p.append(line);
      });
      container.append(p);
    }
  };
  const readText = (container) =>
    [...container.querySelectorAll('p')].map((p) => p.innerText).join('\n\n');

  const readEdit = (documentId) => {
    try {
      const saved = JSON.parse(localStorage.getItem(storageKey(documentId)) ?? 'null');
      return saved && Date.parse(saved.until) > Date.now() ? saved : null;
    } catch {
      return null;
    }
  };
  const forgetEdit = (documentId) => localStorage.removeItem(storageKey(documentId));

  // ---------------------------------------------------------------- the comment form
  const form = document.getElementById('comment-form');
  if (form) {
    const slug = encodeURIComponent(form.dataset.slug);
    // The page's language: the API finds the post by its slug in that language, and the
    // comment records the language it was written from.
    const locale = form.dataset.locale ? `?locale=${encodeURIComponent(form.dataset.locale)}` : '';
    const status = document.getElementById('form-status');
    const error = document.getElementById('form-error');
    const replying = document.getElementById('replying');
    // The honeypot input itself: its name changes to the one the API gives.
    const trap = form.querySelector('input.honeypot');
    let token = null;

    const clearErrors = () => {
      error.hidden = true;
      error.textContent = '';
      for (const line of form.querySelectorAll('.field-error')) {
        line.hidden = true;
        line.textContent = '';
      }
      for (const input of form.querySelectorAll('[aria-invalid]')) {
        input.removeAttribute('aria-invalid');
      }
    };

    /**
     * The server's refusal: each field's problem under that field, in the form's words, once;
     * above, one sentence (the server's when no field is named).
     */
    const showErrors = (message, details) => {
      const shown = new Set();
      for (const detail of details ?? []) {
        const field = [...(detail.path ?? [])].reverse().find((part) => LABELS[part]);
        const line = field && form.querySelector(`.field-error[data-field="${field}"]`);
        if (!line || shown.has(field)) continue;
        shown.add(field);
        line.textContent = inWords(field, detail.message);
        line.hidden = false;
        form.elements[field]?.setAttribute('aria-invalid', 'true');
      }
      error.hidden = false;
      error.textContent = shown.size > 0 ? 'Please check the fields marked below.' : message;
    };

    const loadToken = async () => {
      try {
        const answer = await call(`/api/blog/posts/${slug}/comment-form${locale}`);
        if (!answer.res.ok) throw new Error(refusal(answer));
        token = answer.body.data;
        trap.name = token.honeypotField;
        // How many tokens this page has loaded: the browser test waits on it.
        form.dataset.tokens = String(Number(form.dataset.tokens ?? 0) + 1);
      } catch (cause) {
        showErrors(`Comments cannot be sent right now: ${cause.message}`);
      }
    };

    for (const button of document.querySelectorAll('button.reply')) {
      button.addEventListener('click', () => {
        form.elements.parent.value = button.dataset.parent;
        replying.hidden = false;
        replying.querySelector('strong').textContent = button.dataset.author;
        form.elements.content.focus();
      });
    }
    document.getElementById('cancel-reply').addEventListener('click', () => {
      form.elements.parent.value = '';
      replying.hidden = true;
    });

    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      clearErrors();
      status.textContent = 'Sending…';
      const value = (name) => form.elements[name]?.value.trim() ?? '';
      const data = {
        authorName: value('authorName'),
        authorEmail: value('authorEmail'),
        authorUrl: value('authorUrl') || null,
        content: form.elements.content.value,
        parent: value('parent') || null,
      };
      const replies = form.elements.notifyReplies.checked;
      const newComments = form.elements.notifyNewComments.checked;
      // Sent only when asked for: a confirmation mail follows (double opt-in).
      if (replies || newComments) data.notify = { replies, newComments };
      const body = { data, formToken: token?.formToken };
      if (token) body[token.honeypotField] = trap.value;
      try {
        const answer = await call(`/api/blog/posts/${slug}/comments${locale}`, {
          method: 'POST',
          body: JSON.stringify(body),
        });
        if (!answer.res.ok) {
          status.textContent = '';
          showErrors(refusal(answer), answer.body?.error?.details?.errors);
          return;
        }
        const { documentId, editToken, editableUntil } = answer.body.data;
        if (editToken) {
          localStorage.setItem(
            storageKey(documentId),
            JSON.stringify({ token: editToken, until: editableUntil })
          );
        }
        form.reset();
        form.elements.parent.value = '';
        replying.hidden = true;
        status.textContent =
          answer.body.data.status === 'approved'
            ? 'Thank you: your comment is published. Reload the page to see it in the thread.'
            : 'Thank you: your comment is awaiting moderation.';
        await loadToken();
      } catch {
        status.textContent = '';
        showErrors(`The blog server at ${api} does not answer.`);
      }
    });

    loadToken();
  }

  // ---------------------------------------------------------------- edits and reports
  /** Shows one of the small forms (edit, report) under a comment, or hides it. */
  const panel = (id) => {
    const element = document.getElementById(id);
    const message = element.querySelector('[role="status"]');
    const close = () => {
      element.hidden = true;
      element.dataset.comment = '';
    };
    element.querySelector('.cancel').addEventListener('click', close);
    return {
      element,
      close,
      say: (text) => {
        message.textContent = text;
      },
      open: (button) => {
        button.after(element);
        element.dataset.comment = button.dataset.comment;
        message.textContent = '';
        element.hidden = false;
      },
    };
  };

  const edit = panel('edit-form');
  for (const button of document.querySelectorAll('button.edit')) {
    const documentId = button.dataset.comment;
    const saved = readEdit(documentId);
    // Editable while the window is open and nobody has replied.
    if (!saved || button.dataset.replies !== '0') continue;
    button.hidden = false;
    setTimeout(
      () => {
        button.hidden = true;
        if (edit.element.dataset.comment === documentId) edit.close();
      },
      Date.parse(saved.until) - Date.now()
    );
    button.addEventListener('click', () => {
      edit.open(button);
      const content = button.closest('.comment').querySelector('.content');
      edit.element.elements.content.value = readText(content);
      edit.element.elements.content.focus();
    });
  }
  edit.element.addEventListener('submit', async (event) => {
    event.preventDefault();
    const documentId = edit.element.dataset.comment;
    const saved = readEdit(documentId);
    const comment = document.getElementById(`comment-${documentId}`);
    if (!saved || !comment) {
      edit.say('The edit window has closed.');
      return;
    }
    edit.say('Saving…');
    try {
      const content = edit.element.elements.content.value;
      const answer = await call(`/api/blog/comments/${encodeURIComponent(documentId)}`, {
        method: 'PATCH',
        body: JSON.stringify({ data: { content }, token: saved.token }),
      });
      if (!answer.res.ok) {
        edit.say(refusal(answer));
        // A closed window or a reply: no later edit will do better.
        if (answer.res.status === 403 || answer.res.status === 409) {
          forgetEdit(documentId);
          comment.querySelector('button.edit').hidden = true;
        }
        return;
      }
      showText(comment.querySelector('.content'), content.trim());
      const meta = comment.querySelector('.author .meta');
      if (!meta.querySelector('.edited')) {
        const mark = document.createElement('span');
        mark.className = 'edited';
        mark.textContent = 'edited';
        meta.append(' · ', mark);
      }
      edit.close();
      if (answer.body.data.status !== 'approved') {
        const note = document.createElement('p');
        note.className = 'meta';
        note.setAttribute('role', 'status');
        note.textContent = 'Your edit is awaiting moderation.';
        comment.querySelector('.content').after(note);
      }
    } catch {
      edit.say(`The blog server at ${api} does not answer.`);
    }
  });

  const report = panel('report-form');
  for (const button of document.querySelectorAll('button.report')) {
    button.addEventListener('click', () => report.open(button));
  }
  report.element.addEventListener('submit', async (event) => {
    event.preventDefault();
    const documentId = report.element.dataset.comment;
    const note = report.element.elements.note.value.trim();
    report.say('Sending…');
    try {
      const answer = await call(`/api/blog/comments/${encodeURIComponent(documentId)}/reports`, {
        method: 'POST',
        body: JSON.stringify({
          data: { reason: report.element.elements.reason.value, ...(note ? { note } : {}) },
        }),
      });
      if (!answer.res.ok) {
        report.say(refusal(answer));
        return;
      }
      const button = document.querySelector(
        `button.report[data-comment="${CSS.escape(documentId)}"]`
      );
      report.element.reset();
      report.close();
      button.textContent = 'Reported: thank you';
      button.disabled = true;
    } catch {
      report.say(`The blog server at ${api} does not answer.`);
    }
  });
})();
