// The admin's error summary (templates/admin/change_form.html) behaves as on the public
// pages: GOV.UK Frontend's ErrorSummary moves focus to it when the page loads, and following
// one of its links focuses the field and scrolls its label into view. Loaded as a module only
// on a form in error; without JavaScript the summary's links are plain in-page links.
import { ErrorSummary } from '../js/govuk-frontend.min.js'

document.body.classList.add('govuk-frontend-supported')
for (const summary of document.querySelectorAll('[data-module="govuk-error-summary"]')) {
  new ErrorSummary(summary) // eslint-disable-line no-new
}
