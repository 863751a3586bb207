// Signs out by submitting the user menu's hidden form: a POST with the antiforgery token, never a link another site could trigger.
export function submitSignOut(formId) {
    document.getElementById(formId)?.submit();
}
