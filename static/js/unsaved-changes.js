// Asks before an admin change form is left with edits that are not saved.
//
// A steering-group member edited a figure in a review, then followed a link away without
// saving, and the edit was lost. Loaded by the admin (a ModelAdmin's Media) on the change
// forms that want it; the form works the same without it. Once a field has been changed,
// leaving by a link, the back button or closing the tab brings up the browser's own "Leave
// site? Changes that you made may not be saved." Submitting the form, by any of its buttons,
// saves what is on it, so that never asks.
'use strict'

document.addEventListener('DOMContentLoaded', () => {
  // The admin's change forms are named after their model: review_form, project_form...
  for (const form of document.querySelectorAll('#content-main form[method="post"][id$="_form"]')) {
    let changed = false
    let submitting = false
    const noteChange = () => { changed = true }
    form.addEventListener('input', noteChange)
    form.addEventListener('change', noteChange)
    form.addEventListener('submit', () => { submitting = true })
    window.addEventListener('beforeunload', (event) => {
      if (changed && !submitting) {
        event.preventDefault()
        event.returnValue = '' // what older browsers ask for instead
      }
    })
  }
})
