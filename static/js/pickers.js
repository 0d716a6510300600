// Type-ahead pickers for the admin's long lists: organisations and themes.
//
// The server renders plain controls that work without JavaScript (registers/widgets.py):
//   <select data-picker="one">                   one organisation
//   <select multiple data-picker="several">      several organisations
//   <input data-picker="themes" list="...">      comma-separated themes, the vocabulary in a
//                                                <datalist>; data-new-themes="true" lets an
//                                                editor add one that is not in it
// Each becomes GOV.UK's accessible-autocomplete (static/js/accessible-autocomplete.min.js).
// A name matches when every word typed starts one of its words, so "Newham" finds "London
// Borough of Newham" and "tower ham" finds "London Borough of Tower Hamlets". For "several"
// and "themes" the chosen items are listed below the box, each with a "Remove" button, and
// the original control (hidden, still the one the form submits) is kept in step. The box
// takes the original control's id, so its <label> and the error summary's link lead to it.
// Loaded as a classic script from the widgets' Media (no inline script: the CSP forbids it).
'use strict'

;(() => {
  const wordsOf = (text) => text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean)

  // The names that match what was typed, best first: whole words typed before word starts,
  // then names whose first word was typed, then alphabetical.
  function matcher (names) {
    const indexed = names.map((name) => ({ name, words: wordsOf(name) }))
    return (query, leaveOut = new Set()) => {
      const typed = wordsOf(query)
      if (!typed.length) return []
      const found = []
      for (const { name, words } of indexed) {
        if (leaveOut.has(name)) continue
        if (!typed.every((part) => words.some((word) => word.startsWith(part)))) continue
        const whole = typed.filter((part) => words.includes(part)).length
        const first = words[0].startsWith(typed[0]) ? 1 : 0
        found.push({ name, score: whole * 2 + first })
      }
      found.sort((a, b) => b.score - a.score || a.name.localeCompare(b.name))
      return found.map((match) => match.name)
    }
  }

  // Suggestions are inserted as HTML by the autocomplete: names must be escaped.
  const escapeHtml = (text) =>
    String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

  function labelText (id) {
    const label = document.querySelector(`label[for="${CSS.escape(id)}"]`)
    return label ? label.textContent.trim().replace(/:$/, '') : ''
  }

  // Moves the original control's id to the autocomplete's box (created with that id).
  function retire (control) {
    const id = control.id
    control.id = `${id}-original`
    control.hidden = true
    return id
  }

  function statusRegion () {
    const status = document.createElement('p')
    status.className = 'visually-hidden'
    status.setAttribute('role', 'status')
    return status
  }

  function clearBox (id) {
    // After a choice the box is emptied for the next one; the input event tells the
    // autocomplete, which otherwise keeps the chosen name as its query.
    window.setTimeout(() => {
      const box = document.getElementById(id)
      box.value = ''
      box.dispatchEvent(new Event('input', { bubbles: true }))
    }, 0)
  }

  // A select's options by name, read afresh: an editor's "add another" adds one.
  const optionsOf = (select) =>
    new Map([...select.options].filter((o) => o.value).map((o) => [o.text, o]))
  const named = (options, text) =>
    [...options.keys()].find((name) => name.toLowerCase() === text.trim().toLowerCase())

  // The admin's "add another" (a popup) puts the new organisation in the select it finds by
  // the field's id, which the box has now: lend the id back to the select while it does, then
  // show the new choice. Each picker leaves here how to show it.
  const refreshers = new Map()
  function followAddAnother () {
    const add = window.dismissAddRelatedObjectPopup
    if (typeof add !== 'function') return
    window.dismissAddRelatedObjectPopup = function (win, ...rest) {
      const id = win.name.replace(/__\d+$/, '')
      const refresh = refreshers.get(id)
      if (!refresh) return add.call(this, win, ...rest)
      const box = document.getElementById(id)
      const control = document.getElementById(`${id}-original`)
      box.id = `${id}-box`
      control.id = id
      try {
        return add.call(this, win, ...rest)
      } finally {
        control.id = `${id}-original`
        box.id = id
        refresh()
      }
    }
  }

  // One organisation, by name.
  function enhanceOne (select) {
    const options = () => optionsOf(select)
    const container = document.createElement('div')
    container.className = 'lc-picker'
    select.before(container)
    const id = retire(select)
    window.accessibleAutocomplete({
      element: container,
      id,
      name: '',
      source: (query, populate) => {
        const names = [...options().keys()]
        populate(query.trim() ? matcher(names)(query) : names)
      },
      defaultValue: select.value ? select.selectedOptions[0].text : '',
      autoselect: true,
      showAllValues: true,
      templates: { suggestion: (name) => (name ? escapeHtml(name) : '') },
      tNoResults: () => 'No organisation has a name like that',
      onConfirm: (name) => {
        // Leaving the box without choosing: keep what its text names, exactly; anything
        // else empties the select, so the form says a required choice is missing.
        const chosen = name || named(options(), document.getElementById(id).value)
        select.value = chosen ? options().get(chosen).value : ''
        select.dispatchEvent(new Event('change', { bubbles: true }))
      }
    })
    refreshers.set(id, () => {
      const option = select.selectedOptions[0]
      document.getElementById(id).value = option && option.value ? option.text : ''
    })
  }

  // Several items: a box to find one, and the list of those chosen, each removable.
  // names() lists those to choose from; chosen(), choose(name) and unchoose(name) read and
  // change the original control; extra(query, found) may add a suggestion; leftover(text)
  // takes text typed but not chosen when the form is sent, and says whether it could.
  function several ({ control, names, noun, chosen, choose, unchoose, extra, leftover }) {
    const picker = document.createElement('div')
    picker.className = 'lc-picker lc-picker--several'
    const box = document.createElement('div')
    const list = document.createElement('ul')
    list.className = 'lc-picker__chosen'
    const status = statusRegion()
    control.before(picker)
    const id = retire(control)
    const label = labelText(id)
    list.setAttribute('aria-label', `${label}, chosen`)
    const hint = control.parentNode.querySelector(':scope > [data-picker-hint]') ||
      document.createElement('p')
    hint.className = 'lc-picker-hint'
    hint.id = `${id}-picker-hint`
    hint.textContent = `Type any word of the ${noun}'s name, then choose it from the list. ` +
      'Those chosen are listed below, each with a button to remove it.'
    picker.append(box, hint, list, status)

    const announce = (message) => { status.textContent = message }

    function render () {
      const names = chosen()
      list.hidden = names.length === 0
      list.replaceChildren(...names.map((name) => {
        const item = document.createElement('li')
        const text = document.createElement('span')
        text.textContent = name
        const remove = document.createElement('button')
        remove.type = 'button'
        remove.className = 'lc-picker__remove'
        remove.textContent = 'Remove'
        const which = document.createElement('span')
        which.className = 'visually-hidden'
        which.textContent = ` ${name}`
        remove.append(which)
        remove.addEventListener('click', () => {
          const buttons = [...list.querySelectorAll('button')]
          const at = buttons.indexOf(remove)
          unchoose(name)
          render()
          announce(`Removed ${name}`)
          const left = [...list.querySelectorAll('button')]
          const next = left[Math.min(at, left.length - 1)] || document.getElementById(id)
          next.focus()
        })
        item.append(text, ' ', remove)
        return item
      }))
    }

    window.accessibleAutocomplete({
      element: box,
      id,
      name: '',
      source: (query, populate) => {
        const found = matcher(names())(query, new Set(chosen()))
        populate(extra ? extra(query, found) : found)
      },
      autoselect: true,
      confirmOnBlur: false,
      templates: {
        inputValue: (option) => (option ? option.name || option : ''),
        suggestion: (option) => {
          if (!option) return ''
          if (option.isNew) return `Add “${escapeHtml(option.name)}” as a new ${noun}`
          return escapeHtml(option)
        }
      },
      tNoResults: () => `No ${noun} has a name like that`,
      tAssistiveHint: () =>
        `Type any word of the ${noun}'s name. When results are available use up and down ` +
        'arrows to review and enter to choose.',
      onConfirm: (option) => {
        if (!option) return
        const name = option.name || option
        choose(name)
        render()
        announce(`Added ${name}`)
        clearBox(id)
      }
    })
    // Text typed but not chosen when the form is sent is never dropped silently: ``leftover``
    // takes it (a theme goes to the server, which checks it), or the form is held with a
    // message beside the box.
    const problem = document.createElement('p')
    problem.className = 'lc-picker-problem'
    problem.hidden = true
    picker.insertBefore(problem, list)
    control.form.addEventListener('submit', (event) => {
      const box = document.getElementById(id)
      const text = box.value.trim()
      if (!text || leftover(text)) {
        render()
        return
      }
      event.preventDefault()
      problem.textContent = `“${text}” is not chosen: choose it from the list, or clear the box.`
      problem.hidden = false
      box.focus()
    })
    return render
  }

  function enhanceSeveral (select) {
    const options = () => optionsOf(select)
    const render = several({
      control: select,
      names: () => [...options().keys()],
      // What is chosen, in the hint and messages: organisations unless the select says.
      noun: select.dataset.pickerNoun || 'organisation',
      chosen: () => [...select.selectedOptions].map((option) => option.text),
      choose: (name) => { options().get(name).selected = true },
      unchoose: (name) => { options().get(name).selected = false },
      leftover: (text) => {
        const name = named(options(), text)
        if (name) options().get(name).selected = true
        return Boolean(name)
      }
    })
    refreshers.set(select.id.replace(/-original$/, ''), render)
    render()
  }

  function enhanceThemes (input) {
    const vocabulary = document.getElementById(input.getAttribute('list'))
    const names = vocabulary ? [...vocabulary.options].map((option) => option.value) : []
    input.removeAttribute('list')
    const known = new Set(names.map((name) => name.toLowerCase()))
    const split = () => input.value.split(',').map((name) => name.trim()).filter(Boolean)
    const render = several({
      control: input,
      names: () => names,
      noun: 'theme',
      chosen: split,
      choose: (name) => { input.value = [...split(), name].join(', ') },
      unchoose: (name) => { input.value = split().filter((n) => n !== name).join(', ') },
      leftover: (text) => {
        input.value = [...split(), text].join(', ')
        return true
      },
      // An editor may add a theme that is not in the vocabulary (saving still flags one
      // that looks like an existing theme); an officer chooses from the vocabulary only.
      extra: input.dataset.newThemes === 'true'
        ? (query, found) => {
            const name = query.trim().toLowerCase().replace(/,/g, ' ')
            if (!name || known.has(name) || split().includes(name)) return found
            return [...found, { name, isNew: true }]
          }
        : null
    })
    render()
  }

  document.addEventListener('DOMContentLoaded', () => {
    if (!window.accessibleAutocomplete) return // the plain controls still work
    document.querySelectorAll('select[data-picker="one"]').forEach(enhanceOne)
    document.querySelectorAll('select[data-picker="several"]').forEach(enhanceSeveral)
    document.querySelectorAll('input[data-picker="themes"]').forEach(enhanceThemes)
    followAddAnother()
  })
})()
