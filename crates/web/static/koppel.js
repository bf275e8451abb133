// koppel: small progressive enhancements; every page works without this script.
// Move focus to the error summary after a failed submit, so screen-reader and keyboard users hear it first.
document.addEventListener('DOMContentLoaded', () => {
  const summary = document.querySelector('.error-summary');
  if (summary) summary.focus();
});

// GOV.UK's accessible autocomplete fed by a koppel search address (`/kiezen/{soort}`), in Dutch.
// `chosen` gets the choice ({id, label}) a person picked.
function searchBox({ element, id, name, defaultValue, url, chosen }) {
  let found = [];
  let timer;
  window.accessibleAutocomplete({
    element,
    id,
    name,
    defaultValue,
    minLength: 2,
    showNoOptionsFound: true,
    confirmOnBlur: false,
    source: (query, populate) => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        fetch(url + '?q=' + encodeURIComponent(query), {
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
      if (hit) chosen(hit);
    },
    tNoResults: () => 'Niets gevonden',
    tStatusQueryTooShort: (n) => `Typ ${n} of meer tekens om te zoeken`,
    tStatusNoResults: () => 'Geen resultaten',
    tStatusSelectedOption: (option, length, index) => `${option}, ${index + 1} van ${length}, is gemarkeerd`,
    tStatusResults: (length, selected) => `${length} ${length === 1 ? 'resultaat' : 'resultaten'} beschikbaar. ${selected}`,
    tAssistiveHint: () => 'Gebruik de pijltjestoetsen om een resultaat te kiezen en Enter om het te selecteren.',
  });
  return element.querySelector('input');
}

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
    const input = searchBox({
      element: holder,
      id: typed.id,
      name: typed.name,
      defaultValue: typed.value,
      url: box.dataset.pick,
      chosen: (hit) => { chosen.value = hit.id; },
    });
    if (!input) return;
    if (described) input.setAttribute('aria-describedby', described);
    // Typing a new name forgets the earlier choice; the server then resolves what was typed.
    input.addEventListener('input', () => { chosen.value = ''; });
  });
});

// Skills fields: the box with one skill per line becomes chips, each with a button to remove it,
// and an accessible autocomplete to add one by its name or an ESCO synonym. The box stays the
// field that is sent, kept in step with the chips; a name typed but not chosen is sent too, so
// the server checks it and nothing typed is lost.
document.addEventListener('DOMContentLoaded', () => {
  if (!window.accessibleAutocomplete) return;
  document.querySelectorAll('.chips[data-chips]').forEach((box) => {
    const area = box.querySelector('textarea');
    if (!area) return;
    const id = area.id;
    const label = document.querySelector(`label[for="${id}"]`);
    const hint = document.getElementById(`${id}-hint`);
    if (hint) hint.textContent = 'Typ een deel van een vaardigheid of een synoniem en kies. Met de knop achter een vaardigheid haalt u die weg.';
    const names = () => area.value.split('\n').map((l) => l.trim()).filter(Boolean);
    const list = document.createElement('ul');
    list.className = 'chip-list';
    list.setAttribute('aria-label', label ? label.textContent.replace(/\s*\(verplicht\)/, '') : 'Gekozen');
    const status = document.createElement('p');
    status.className = 'visually-hidden';
    status.setAttribute('role', 'status');
    const holder = document.createElement('div');
    let input;
    const render = () => {
      list.replaceChildren(...names().map((name) => {
        const chip = document.createElement('li');
        chip.className = 'utrecht-data-badge chip';
        chip.append(name);
        const remove = document.createElement('button');
        remove.type = 'button';
        remove.className = 'chip-remove';
        remove.setAttribute('aria-label', `${name} weghalen`);
        remove.textContent = '×';
        remove.addEventListener('click', () => {
          area.value = names().filter((n) => n !== name).join('\n');
          render();
          status.textContent = `${name} weggehaald`;
          input?.focus();
        });
        chip.append(remove);
        return chip;
      }));
      list.hidden = names().length === 0;
    };
    const add = (name) => {
      if (!names().some((n) => n.toLowerCase() === name.toLowerCase())) {
        area.value = [...names(), name].join('\n');
      }
      render();
      status.textContent = `${name} toegevoegd`;
    };
    area.hidden = true;
    area.removeAttribute('id');
    area.before(list, holder, status);
    render();
    input = searchBox({
      element: holder,
      id,
      name: `${area.name}.kies`,
      defaultValue: '',
      url: box.dataset.chips,
      chosen: (hit) => {
        add(hit.id);
        setTimeout(() => { if (input) input.value = ''; }, 0);
      },
    });
    if (!input) return;
    const described = area.getAttribute('aria-describedby');
    if (described) input.setAttribute('aria-describedby', described);
    if (area.getAttribute('aria-invalid')) input.setAttribute('aria-invalid', 'true');
    area.form?.addEventListener('submit', () => {
      const typed = input.value.trim();
      if (typed) add(typed);
    });
  });
});
