// Starts GOV.UK Frontend. Loaded from base.html as
// <script type="module" src=".../js/init.js">, replacing GOV.UK Frontend's
// usual inline script so that the Content-Security-Policy can forbid inline
// scripts. Browsers without ES module support never run this, and get the
// no-JavaScript versions of the components.
import { initAll } from './govuk-frontend.min.js'

document.body.classList.add('js-enabled', 'govuk-frontend-supported')
initAll()
