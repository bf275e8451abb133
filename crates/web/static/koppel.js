// koppel: small progressive enhancements; every page works without this script.
// Move focus to the error summary after a failed submit, so screen-reader and keyboard users hear it first.
document.addEventListener('DOMContentLoaded', () => {
  const summary = document.querySelector('.error-summary');
  if (summary) summary.focus();
});

// Pick fields: the name box becomes GOV.UK's accessible autocomplete, fed by /kiezen/{soort}.
// Choosing a suggestion stores its reference in the hidden field; without this script the server
// resolves the typed name on submit and offers a choice when several match.
document.addEventListener('DOMContentLoaded', () => {
  if (!window.accessibleAutocomplete) return;
  document.querySelectorAll('.pick[data-pick]').forEach((box) => {
    const typed = box.querySelector('input[type=text]');
    const chosen = box.querySelector('input[type=hidden]');
    if (!typed || !chosen) return; // a choice between several is already on the page
    const described = typed.getAttribute('aria-describedby') || '';
    const holder = document.createElement('div');
    typed.replaceWith(holder);
    let found = [];
    let timer;
    window.accessibleAutocomplete({
      element: holder,
      id: typed.id,
      name: typed.name,
      defaultValue: typed.value,
      minLength: 2,
      showNoOptionsFound: true,
      confirmOnBlur: false,
      source: (query, populate) => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          fetch(box.dataset.pick + '?q=' + encodeURIComponent(query), {
            credentials: 'same-origin',
            headers: { Accept: 'application/json' },
          })
            .then((r) => (r.ok ? r.json() : []))
            .then((list) => {
              found = list;
              populate(list.map((c) => c.label));
            })
            .catch(() => populate([]));
        }, 200);
      },
      onConfirm: (label) => {
        const hit = found.find((c) => c.label === label);
        if (hit) chosen.value = hit.id;
      },
      tNoResults: () => 'Niets gevonden',
      tStatusQueryTooShort: (n) => `Typ ${n} of meer tekens om te zoeken`,
      tStatusNoResults: () => 'Geen resultaten',
      tStatusSelectedOption: (option, length, index) => `${option}, ${index + 1} van ${length}, is gemarkeerd`,
      tStatusResults: (length, selected) => `${length} ${length === 1 ? 'resultaat' : 'resultaten'} beschikbaar. ${selected}`,
      tAssistiveHint: () => 'Gebruik de pijltjestoetsen om een resultaat te kiezen en Enter om het te selecteren.',
    });
    const input = holder.querySelector('input');
    if (!input) return;
    if (described) input.setAttribute('aria-describedby', described);
    // Typing a new name forgets the earlier choice; the server then resolves what was typed.
    input.addEventListener('input', () => { chosen.value = ''; });
  });
});
