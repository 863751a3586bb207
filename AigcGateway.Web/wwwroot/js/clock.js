// The viewer's offset from UTC in minutes (east positive), so the dashboard can say "15:40" in their own time.
export function utcOffsetMinutes() {
    return -new Date().getTimezoneOffset();
}
