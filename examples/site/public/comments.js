// The comment form: fetches a form token, sends the comment with the anti-bot fields to the
// blog API, and says what happened: held for moderation, published, or the server's error.
(() => {
  const form = document.getElementById('comment-form');
  if (!form) return;
  const api = form.dataset.api;
  const slug = encodeURIComponent(form.dataset.slug);
  // The page's language: the API finds the post by its slug in that language, and the comment
  // records the language it was written from.
  const locale = form.dataset.locale ? `?locale=${encodeURIComponent(form.dataset.locale)}` : '';
  const status = document.getElementById('form-status');
  const error = document.getElementById('form-error');
  const replying = document.getElementById('replying');
  let token = null;

  const showError = (message, details) => {
    error.hidden = false;
    error.textContent = '';
    const strong = document.createElement('strong');
    strong.textContent = message;
    error.append(strong);
    for (const detail of details ?? []) {
      const line = document.createElement('div');
      line.textContent = detail.message;
      error.append(line);
    }
  };

  const loadToken = async () => {
    try {
      const res = await fetch(`${api}/api/blog/posts/${slug}/comment-form${locale}`);
      const body = await res.json();
      if (!res.ok) throw new Error(body?.error?.message ?? `The blog answered ${res.status}`);
      token = body.data;
      form.querySelector('[name="honeypot"]').name = token.honeypotField;
    } catch (cause) {
      showError(`Comments cannot be sent right now: ${cause.message}`);
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
    error.hidden = true;
    status.textContent = 'Sending…';
    const field = (name) => form.elements[name]?.value.trim() ?? '';
    const body = {
      data: {
        authorName: field('authorName'),
        authorEmail: field('authorEmail'),
        authorUrl: field('authorUrl') || null,
        content: form.elements.content.value,
        parent: field('parent') || null,
      },
      formToken: token?.formToken,
    };
    if (token) body[token.honeypotField] = form.elements[token.honeypotField].value;
    try {
      const res = await fetch(`${api}/api/blog/posts/${slug}/comments${locale}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      const answer = await res.json().catch(() => null);
      if (!res.ok) {
        status.textContent = '';
        showError(
          answer?.error?.message ?? `The blog answered ${res.status}`,
          answer?.error?.details?.errors
        );
        return;
      }
      form.reset();
      form.elements.parent.value = '';
      replying.hidden = true;
      status.textContent =
        answer.data.status === 'approved'
          ? 'Thank you: your comment is published. Reload the page to see it in the thread.'
          : 'Thank you: your comment is awaiting moderation.';
      await loadToken();
    } catch {
      status.textContent = '';
      showError(`The blog server at ${api} does not answer.`);
    }
  });

  loadToken();
})();
